/**
 * Where goals show up in the output: a measure goal marks its cell in the measures
 * ("goal ≤ 55.0 s"), and draws its threshold in the timeline as a dashed line at the time
 * the measure would have to end. Pure, from goal results and the run.
 */
import type { GoalResult } from '../../lessons/evaluate.ts';
import { formatMs } from '../../lessons/format.ts';
import type { MeasureName } from '../../lessons/quantity.ts';
import type { Trace } from '../../sim/trace/types.ts';

export interface MeasureMark {
  readonly text: string;
  readonly passing: boolean;
}

export interface TimelineThreshold {
  /** Where the line goes, from QEMU start like every timeline time. */
  readonly atUs: number;
  /** On the flag: "goal 55.0 s". */
  readonly label: string;
  /** Beside it: "18.1 s over", or "1.9 s to spare". */
  readonly note: string;
  readonly passing: boolean;
}

function bound(r: GoalResult): string {
  const at = r.goal.threshold.kind === 'min' ? '≥' : '≤';
  return `${at} ${formatMs(r.target)}`;
}

/** The first goal on each measure marks that measure's cell. */
export function measureMarks(results: readonly GoalResult[]): Partial<Record<MeasureName, MeasureMark>> {
  const out: Partial<Record<MeasureName, MeasureMark>> = {};
  for (const r of results) {
    const q = r.goal.quantity;
    if (q.kind !== 'measure' || out[q.measure]) continue;
    out[q.measure] = { text: `goal ${bound(r)}`, passing: r.passing };
  }
  return out;
}

/**
 * The threshold of the first failing measure goal (else the first measure goal): creation and
 * initialization count from QEMU start, BIOS execution from vCPU start.
 */
export function timelineThreshold(results: readonly GoalResult[], trace: Trace): TimelineThreshold | undefined {
  const measureGoals = results.filter((r) => r.goal.quantity.kind === 'measure');
  const r = measureGoals.find((g) => !g.passing) ?? measureGoals[0];
  if (!r || r.goal.quantity.kind !== 'measure') return undefined;
  const m = trace.markers;
  const from = r.goal.quantity.measure === 'biosExecutionMs' ? m.vcpuStartUs : m.qemuStartUs;
  const gapMs = Math.abs(r.value - r.target);
  const note = r.passing ? `${formatMs(gapMs, 'down')} to spare` : `${formatMs(gapMs, 'up')} ${r.goal.threshold.kind === 'min' ? 'short' : 'over'}`;
  return { atUs: from + r.target * 1_000, label: `goal ${formatMs(r.target)}`, note, passing: r.passing };
}

/** The step the exercise starts at: the last `reset: true` step (lessons/README.md), else the last. */
export function exerciseIndex(steps: readonly { readonly script: { readonly reset: boolean } }[]): number {
  for (let k = steps.length - 1; k >= 0; k--) if (steps[k]?.script.reset) return k;
  return Math.max(0, steps.length - 1);
}
