/**
 * All lessons from raw file texts: the one function both loaders share. Files are keyed by
 * path ("/lessons/03-zeroing/lesson.md", as Vite's glob gives them, or the same without the
 * leading slash); the last two segments are the lesson folder and the file name.
 */
import { lessonLinks } from './markdown.ts';
import { type LessonParse, parseLesson } from './parse-lesson.ts';
import type { LessonProblem } from './problems.ts';
import type { Lesson } from './types.ts';

export interface LessonCollection {
  /** Valid lessons, ordered by number. */
  readonly lessons: readonly Lesson[];
  /** Errors (a lesson with errors is left out of `lessons`) and warnings. */
  readonly problems: readonly LessonProblem[];
}

/** Groups file paths by lesson folder: "lessons/03-zeroing" -> { "lesson.md": text, … }. */
export function groupLessonFiles(files: Readonly<Record<string, string>>): Map<string, Record<string, string>> {
  const byDir = new Map<string, Record<string, string>>();
  for (const path of Object.keys(files).sort()) {
    const clean = path.replace(/^\/+/, '');
    const cut = clean.lastIndexOf('/');
    const dir = cut < 0 ? '.' : clean.slice(0, cut);
    const name = clean.slice(cut + 1);
    const text = files[path];
    if (text === undefined) continue;
    const group = byDir.get(dir) ?? {};
    group[name] = text;
    byDir.set(dir, group);
  }
  return byDir;
}

export function buildLessons(files: Readonly<Record<string, string>>): LessonCollection {
  const problems: LessonProblem[] = [];
  const parsed: LessonParse[] = [];
  for (const [dir, group] of groupLessonFiles(files)) parsed.push(parseLesson(dir, group));
  const lessons: Lesson[] = [];
  for (const p of parsed) {
    if (p.ok) {
      lessons.push(p.lesson);
      problems.push(...p.warnings);
    } else {
      problems.push(...p.problems);
    }
  }
  lessons.sort((a, b) => a.number - b.number);

  // Cross-lesson checks: a lesson that fails one is left out like any other failing lesson.
  const bad = new Set<string>();
  const fail = (l: Lesson, problem: Omit<LessonProblem, 'severity'>) => {
    problems.push({ severity: 'error', ...problem });
    bad.add(l.id);
  };
  const byNumber = new Map<number, Lesson>();
  for (const l of lessons) {
    const other = byNumber.get(l.number);
    if (other) fail(l, { file: l.dir, message: `has the same number as ${other.dir}; lesson numbers must be unique` });
    byNumber.set(l.number, l);
  }
  // Links may point at any lesson folder, even one with errors: that one is reported on its own.
  const known = new Set([...groupLessonFiles(files).keys()].map((d) => d.split('/').pop() ?? d));
  const stepCount = new Map(lessons.map((l) => [l.id, l.steps.length]));
  for (const l of lessons) {
    for (const step of l.steps) {
      for (const link of lessonLinks(step.markdown)) {
        const where = { file: `${l.dir}/lesson.md`, line: step.line, field: `steps[${step.index}]` };
        const steps = stepCount.get(link.lessonId);
        if (!known.has(link.lessonId)) {
          fail(l, { ...where, message: `links to lesson:${link.lessonId}, which does not exist` });
        } else if (link.step !== undefined && steps !== undefined && !(Number.isInteger(link.step) && link.step >= 1 && link.step <= steps)) {
          fail(l, { ...where, message: `links to step ${String(link.step)} of ${link.lessonId}, which has ${steps} steps (they count from 1)` });
        }
      }
    }
  }
  return { lessons: lessons.filter((l) => !bad.has(l.id)), problems };
}
