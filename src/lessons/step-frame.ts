/**
 * What a lesson step shows, worked out from the lesson alone: its scenario text, its view and
 * where its playhead goes. The lesson page, the presenter and the handout all land on the
 * same frame for a step, whether it was walked to or opened directly.
 */
import { scenarioTextAtStep, viewAtStep } from './step-scenario.ts';
import type { Lesson, PlayheadTarget, Step, ViewName } from './types.ts';

/**
 * Where step `index` (0-based) puts the playhead: the last place a step up to it names, so a
 * step that names none keeps the moment the one before it showed.
 */
export function playheadAtStep(steps: readonly Step[], index: number): PlayheadTarget | undefined {
  return steps.slice(0, index + 1).flatMap((s) => (s.script.playhead ? [s.script.playhead] : [])).at(-1);
}

export interface StepFrame {
  /** 0-based. */
  readonly index: number;
  /** The scenario text the step scripts, before any edit of the learner's. */
  readonly text: string;
  readonly view: ViewName;
  readonly playhead?: PlayheadTarget;
}

/** The lesson's first view: its own first, else the first a step names. */
export function firstView(lesson: Pick<Lesson, 'views' | 'steps'>): ViewName {
  return lesson.views[0] ?? lesson.steps.flatMap((s) => (s.script.view ? [s.script.view] : []))[0] ?? 'phases';
}

/** The frame of step `index` (0-based, clamped to the lesson's steps). */
export function stepFrame(lesson: Pick<Lesson, 'params' | 'steps' | 'views'>, index: number): StepFrame {
  const k = Math.min(Math.max(0, Math.trunc(index)), lesson.steps.length - 1);
  const playhead = playheadAtStep(lesson.steps, k);
  return {
    index: k,
    text: scenarioTextAtStep(lesson.params.text, lesson.steps, k),
    view: viewAtStep(lesson.steps, k, firstView(lesson)),
    ...(playhead ? { playhead } : {}),
  };
}
