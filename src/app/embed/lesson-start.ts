/**
 * A lesson step as an embed's start: its scenario text, view, playhead and heading. Imported
 * only through the dynamic import in start.ts, so the lessons (their texts, parser and
 * schema) stay out of the embed's first load.
 */
import { groupLessonFiles, lessonFilesFromBundle, parseLesson, resolvePlayhead, scenarioTextAtStep } from '../../lessons/index.ts';
import { isEmbedView } from './params.ts';
import type { LessonLookup } from './start.ts';

/** "04-prezero", "4" and "04" all name lesson 4 (folder "lessons/04-prezero"). */
function findLessonDir(dirs: readonly string[], name: string): string | undefined {
  const folder = (dir: string) => dir.split('/').pop() ?? dir;
  return dirs.find((d) => folder(d) === name) ?? (/^\d+$/.test(name) ? dirs.find((d) => Number(folder(d).split('-')[0]) === Number(name)) : undefined);
}

export function lessonPart(name: string, stepNumber: number | undefined): LessonLookup {
  // Only the named lesson is parsed: an embed shows one step, and parsing all twelve (every
  // step's scenario included) would cost the reader several hundred milliseconds.
  const groups = groupLessonFiles(lessonFilesFromBundle());
  const dir = findLessonDir([...groups.keys()], name);
  const files = dir === undefined ? undefined : groups.get(dir);
  if (dir === undefined || !files) return { ok: false, message: `There is no lesson "${name}"; showing the default scenario.` };
  const parsed = parseLesson(dir, files);
  if (!parsed.ok) return { ok: false, message: `Lesson "${name}" has errors (npm run lessons:check lists them); showing the default scenario.` };
  const lesson = parsed.lesson;
  // Without a step, the lesson's first step: what the lesson page opens on.
  const number = stepNumber ?? 1;
  const step = lesson.steps[number - 1];
  if (!step) {
    return { ok: false, message: `Lesson ${lesson.number} has ${lesson.steps.length} steps, not ${number}; showing the default scenario.` };
  }
  const target = step.script.playhead;
  // The step's view when an embed can show it, else the lesson's first that it can.
  const view = [step.script.view, ...lesson.views].find(isEmbedView);
  return {
    ok: true,
    part: {
      text: scenarioTextAtStep(lesson.params.text, lesson.steps, step.index),
      ...(isEmbedView(view) ? { view } : {}),
      ...(target ? { seek: (trace) => resolvePlayhead(target, trace) } : {}),
      heading: {
        eyebrow: `Lesson ${lesson.number}${lesson.topic ? ` · ${lesson.topic}` : ''}`,
        title: lesson.title,
        step: `Step ${number} of ${lesson.steps.length} · ${step.title}`,
        lessonId: lesson.id,
        stepNumber: number,
      },
    },
  };
}
