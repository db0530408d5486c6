/**
 * Goals checked on a run: is the goal met, by how much, in words a learner understands
 * ("18.1 s to go", "2 resets too many"). Relative goals compare with the lesson's starting
 * run (params.jsonc), which the caller runs once and passes in.
 */
import type { Trace } from '../sim/trace/types.ts';
import { counterNoun, formatCount, formatField, formatMs, formatPercent, type Rounding } from './format.ts';
import { fieldUnitText, type Quantity, quantityUnit, RunReader } from './quantity.ts';
import { numberAtPath } from './scenario-paths.ts';
import type { Goal, Lesson } from './types.ts';

export interface GoalResult {
  readonly goal: Goal;
  readonly passing: boolean;
  /** The quantity in this run: ms, a count, a percentage (0-100) or the field's own unit. */
  readonly value: number;
  /** The bound `value` is held to, in the same unit. */
  readonly target: number;
  /** "73.1 s", "8 resets", "60.0%". */
  readonly valueText: string;
  /** "at most 55.0 s", "at most 4 resets (1 per devices.count)". */
  readonly targetText: string;
  /** Failing: "18.1 s to go", "2 resets too many". Passing: "1.9 s to spare". */
  readonly distanceText: string;
}

export function isRelative(goal: Goal): boolean {
  return goal.threshold.kind === 'reduceBy' || goal.threshold.kind === 'reduceByPercent';
}

/** Whether evaluating the lesson's goals needs its starting run. */
export function needsStartRun(lesson: Pick<Lesson, 'goals'>): boolean {
  return lesson.goals.some(isRelative);
}

function amount(q: Quantity, v: number, mode: Rounding): string {
  switch (quantityUnit(q)) {
    case 'ms':
      return formatMs(v, mode);
    case 'count':
      return q.kind === 'counter' ? `${formatCount(v, mode)} ${counterNoun(q.counter, v)}` : formatCount(v, mode);
    case 'percent':
      return formatPercent(v, mode);
    case 'field':
      return formatField(v, q.kind === 'field' ? fieldUnitText(q.path) : '', mode);
  }
}

function distance(q: Quantity, gap: number, passing: boolean, below: boolean): string {
  if (gap === 0) return 'exactly on target';
  if (passing) {
    const spare = quantityUnit(q) === 'percent' ? `${formatPercent(gap, 'down').slice(0, -1)} percentage points` : amount(q, gap, 'down');
    return `${spare} to spare`;
  }
  if (q.kind === 'counter') {
    const n = formatCount(gap, 'up');
    const noun = counterNoun(q.counter, Math.ceil(gap));
    return below ? `${n} ${noun} too many` : `${n} more ${noun} needed`;
  }
  if (quantityUnit(q) === 'percent') return `${formatPercent(gap, 'up').slice(0, -1)} percentage points to go`;
  return `${amount(q, gap, 'up')} to go`;
}

/** Evaluates one goal; `start` is required for relative goals. */
export function evaluateGoal(goal: Goal, run: RunReader, start?: RunReader): GoalResult {
  const q = goal.quantity;
  const value = run.value(q);
  const t = goal.threshold;
  let target: number;
  let below: boolean;
  let targetText: string;
  if (t.kind === 'max' || t.kind === 'min') {
    const factor = t.per === undefined ? 1 : numberAtPath(run.trace.scenario, t.per);
    target = t.value * factor;
    below = t.kind === 'max';
    const per = t.per === undefined ? '' : ` (${t.value.toLocaleString('en-US')} per ${t.per})`;
    targetText = `${below ? 'at most' : 'at least'} ${amount(q, target, 'nearest')}${per}`;
  } else {
    if (!start) throw new Error(`goal "${goal.id}" compares with the starting run: pass the start trace to evaluateGoals`);
    const base = start.value(q);
    below = true;
    target = t.kind === 'reduceBy' ? base - t.value : base * (1 - t.value / 100);
    const less = t.kind === 'reduceBy' ? amount(q, t.value, 'nearest') : `${t.value.toLocaleString('en-US')}%`;
    targetText = `at most ${amount(q, target, 'nearest')} (${less} less than the start, ${amount(q, base, 'nearest')})`;
  }
  // A hair of tolerance: thresholds derived from the start run are products of floats.
  const eps = 1e-9 * Math.max(1, Math.abs(target));
  const passing = below ? value <= target + eps : value >= target - eps;
  const gap = Math.abs(value - target) <= eps ? 0 : Math.abs(value - target);
  return { goal, passing, value, target, valueText: amount(q, value, 'nearest'), targetText, distanceText: distance(q, gap, passing, below) };
}

/** Every goal of the lesson on `trace`; `startTrace` is the run of params.jsonc (needed for relative goals). */
export function evaluateGoals(lesson: Pick<Lesson, 'goals'>, trace: Trace, startTrace?: Trace): GoalResult[] {
  const run = new RunReader(trace);
  const start = startTrace ? new RunReader(startTrace) : undefined;
  return lesson.goals.map((g) => evaluateGoal(g, run, start));
}
