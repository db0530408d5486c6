/**
 * A lesson step as a still: the run of the scenario the step scripts and the moment its
 * playhead names, on the simulated clock. Nothing here reads the page, the learner's edits or
 * the wall clock, so a step gives the same still every time (the handout and the step images
 * are drawn from it).
 */
import { evaluateGoals, resolvePlayhead, stepFrame, type GoalResult, type Lesson, type ViewName } from '../../lessons/index.ts';
import { measures, type Measures } from '../../sim/analysis/measures.ts';
import { run } from '../../sim/engine/run.ts';
import { parseScenarioText } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/resolve.ts';
import type { Trace } from '../../sim/trace/types.ts';

export interface StepStill {
  /** 0-based. */
  readonly index: number;
  readonly title: string;
  /** The step's prose, unrendered. */
  readonly markdown: string;
  readonly text: string;
  readonly view: ViewName;
  readonly scenario: Scenario;
  readonly trace: Trace;
  /** Where the playhead stands: the step's target in this run, or the start when it names none. */
  readonly playheadUs: number;
  readonly measures: Measures;
  /** The measures of the lesson's starting run (params.jsonc), which the step's are told against. */
  readonly startMeasures: Measures;
  /** The lesson's goals on this step's run, against the lesson's starting run. */
  readonly goals: readonly GoalResult[];
}

type Runs = Map<string, { scenario: Scenario; trace: Trace }>;

/** Runs a text the lesson format guarantees to be valid (npm run lessons:check runs every step). */
function runText(text: string, what: string, runs: Runs): { scenario: Scenario; trace: Trace } {
  const known = runs.get(text);
  if (known) return known;
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(`${what} does not run (${parsed.problems[0]?.message ?? 'unknown problem'}); npm run lessons:check should have caught this`);
  const out = { scenario: parsed.scenario, trace: run(parsed.scenario) };
  runs.set(text, out);
  return out;
}

function still(lesson: Lesson, index: number, runs: Runs): StepStill {
  const frame = stepFrame(lesson, index);
  const step = lesson.steps[frame.index];
  if (!step) throw new Error(`lesson ${lesson.id} has no step ${index + 1}`);
  const start = runText(lesson.params.text, `${lesson.dir}/params.jsonc`, runs);
  const { scenario, trace } = runText(frame.text, `${lesson.dir}/lesson.md step ${frame.index + 1}`, runs);
  const at = frame.playhead ? resolvePlayhead(frame.playhead, trace) : undefined;
  return {
    index: frame.index,
    title: step.title,
    markdown: step.markdown,
    text: frame.text,
    view: frame.view,
    scenario,
    trace,
    playheadUs: at ?? 0,
    measures: measures(trace),
    startMeasures: measures(start.trace),
    goals: evaluateGoals(lesson, trace, start.trace),
  };
}

/** The still of step `index` (0-based). */
export function stepStill(lesson: Lesson, index: number): StepStill {
  return still(lesson, index, new Map());
}

/** Every step's still, in order; steps that script the same text share one run. */
export function lessonStills(lesson: Lesson): StepStill[] {
  const runs: Runs = new Map();
  return lesson.steps.map((_, i) => still(lesson, i, runs));
}

/** The line above a still: "Pre-zeroing · step 2 of 4: Not zeroed in time · at 12.34 s". */
export function stillCaption(lesson: Pick<Lesson, 'title' | 'steps'>, s: Pick<StepStill, 'index' | 'title' | 'playheadUs'>): string {
  return `${lesson.title} · step ${s.index + 1} of ${lesson.steps.length}: ${s.title} · at ${(s.playheadUs / 1e6).toFixed(2)} s`;
}
