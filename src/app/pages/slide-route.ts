/**
 * Checks a presenter or speaker link against the lessons: the lesson exists and the step is
 * one of its steps. A link that fails says what is wrong and where to go instead.
 */
import type { Lesson } from '../../lessons/types.ts';

export type SlideTarget =
  | { readonly ok: true; readonly lesson: Lesson; readonly index: number; readonly position: { number: number; of: number } }
  | { readonly ok: false; readonly title: string; readonly detail: string; readonly lesson?: Lesson };

export function slideTarget(lessons: readonly Lesson[], lessonId: string, step: number, stepText: string | undefined): SlideTarget {
  const index = lessons.findIndex((l) => l.id === lessonId);
  const lesson = lessons[index];
  if (!lesson) {
    return { ok: false, title: `There is no lesson “${lessonId}”`, detail: 'Lesson ids are folder names such as “03-zeroing”. Pick one below.' };
  }
  const n = lesson.steps.length;
  if (stepText !== undefined || step < 1 || step > n) {
    const asked = stepText !== undefined ? `“${stepText}”` : String(step);
    return { ok: false, lesson, title: `Lesson “${lesson.title}” has no step ${asked}`, detail: `Its steps are 1 to ${n}. Pick one below.` };
  }
  return { ok: true, lesson, index: step - 1, position: { number: index + 1, of: lessons.length } };
}
