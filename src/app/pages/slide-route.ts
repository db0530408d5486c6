/**
 * Checks a lesson link against the lessons: the lesson page and the handout need the lesson to
 * exist; a presenter or speaker link also needs the step to be one of its steps. A link that
 * fails says what is wrong and where to go instead.
 */
import type { Lesson } from '../../lessons/types.ts';

/** A lesson and its place in the course: "Lesson 3 of 12". */
export interface FoundLesson {
  readonly lesson: Lesson;
  readonly position: { number: number; of: number };
}

export function findLesson(lessons: readonly Lesson[], lessonId: string): FoundLesson | undefined {
  const index = lessons.findIndex((l) => l.id === lessonId);
  const lesson = lessons[index];
  return lesson && { lesson, position: { number: index + 1, of: lessons.length } };
}

export type SlideFound = FoundLesson & { readonly ok: true; readonly index: number };

export type SlideTarget = SlideFound | { readonly ok: false; readonly title: string; readonly detail: string; readonly lesson?: Lesson };

export function slideTarget(lessons: readonly Lesson[], lessonId: string, step: number, stepText: string | undefined): SlideTarget {
  const found = findLesson(lessons, lessonId);
  if (!found) {
    return { ok: false, title: `There is no lesson “${lessonId}”`, detail: 'Lesson ids are folder names such as “03-zeroing”. Pick one below.' };
  }
  const { lesson } = found;
  const n = lesson.steps.length;
  if (stepText !== undefined || step < 1 || step > n) {
    const asked = stepText !== undefined ? `“${stepText}”` : String(step);
    return { ok: false, lesson, title: `Lesson “${lesson.title}” has no step ${asked}`, detail: `Its steps are 1 to ${n}. Pick one below.` };
  }
  return { ok: true, ...found, index: step - 1 };
}
