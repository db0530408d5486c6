/** A validated lesson, as the lesson page and the checks use it. */
import type { ScenarioInput } from '../sim/scenario/schema.ts';
import type { Scenario } from '../sim/scenario/resolve.ts';
import type { Phase } from '../sim/trace/phases.ts';
import type { Quantity } from './quantity.ts';

/** Mechanism views a lesson may show next to its timeline and measures. */
export const VIEW_NAMES = ['memory', 'iova', 'resets', 'flame', 'charts', 'statechart', 'phases', 'compare'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const MARKER_NAMES = ['qemu-start', 'vcpu-start', 'kernel-log'] as const;
export type MarkerName = (typeof MARKER_NAMES)[number];

/**
 * Where a step puts the playhead: one of the talk's three markers, the start of a phase's first
 * occurrence or the end of its last, or a time from QEMU start.
 */
export type PlayheadTarget =
  | { readonly kind: 'marker'; readonly marker: MarkerName }
  | { readonly kind: 'phase'; readonly phase: Phase; readonly edge: 'start' | 'end' }
  | { readonly kind: 'time'; readonly us: number };

/**
 * max / min: the value must stay at or below / at or above `value`, times the scenario field
 * `per` when given ("at most 1 reset per devices.count").
 * reduceBy / reduceByPercent: at least that much less than the lesson's starting run.
 */
export type Threshold =
  | { readonly kind: 'max' | 'min'; readonly value: number; readonly per?: string }
  | { readonly kind: 'reduceBy'; readonly value: number }
  | { readonly kind: 'reduceByPercent'; readonly value: number };

export interface Goal {
  /** Stable within the lesson, for progress: kebab-case. */
  readonly id: string;
  /** What the learner reads on the goal card. */
  readonly label: string;
  readonly quantity: Quantity;
  readonly threshold: Threshold;
}

export interface Hint {
  readonly text: string;
  /** The scenario key the hint is about, so the editor can mark its line. */
  readonly path?: string;
}

export interface FieldSet {
  /** Dotted scenario key: "guest.ramGiB". */
  readonly path: string;
  readonly value: number | boolean | string | readonly number[];
}

export interface Prediction {
  /** The question, e.g. "How long will the CPU VM take?" */
  readonly prompt: string;
  readonly quantity: Quantity;
}

export interface StepScript {
  /** Start again from params.jsonc before this step's `set`. */
  readonly reset: boolean;
  readonly set: readonly FieldSet[];
  readonly view?: ViewName;
  readonly playhead?: PlayheadTarget;
  /** Ask for a guess before the run is shown. */
  readonly predict?: Prediction;
  /** Speaker notes: shown in the presenter's speaker window, never on the page. */
  readonly notes?: string;
}

export interface Step {
  /** 0-based. */
  readonly index: number;
  /** 1-based line of its "## " heading in lesson.md, for messages. */
  readonly line: number;
  readonly title: string;
  /** Markdown prose, unrendered; `lesson:` links stay as written. */
  readonly markdown: string;
  readonly script: StepScript;
}

export interface LessonScenario {
  /** The JSONC text, comments included: what the editor shows. */
  readonly text: string;
  readonly input: ScenarioInput;
  readonly scenario: Scenario;
}

export interface Lesson {
  /** The folder name: "03-zeroing". */
  readonly id: string;
  /** Its number: 3. Lessons are ordered by it. */
  readonly number: number;
  /** The folder as authors see it: "lessons/03-zeroing". */
  readonly dir: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  /** A short topic for the eyebrow ("Memory"). */
  readonly topic?: string;
  /** Mechanism views to offer; the first is shown first. */
  readonly views: readonly ViewName[];
  readonly editable: readonly string[];
  readonly locked: readonly string[];
  readonly goals: readonly Goal[];
  readonly hints: readonly Hint[];
  readonly sources: readonly string[];
  readonly steps: readonly Step[];
  readonly params: LessonScenario;
  readonly solution?: LessonScenario;
}
