/**
 * Messages between the page and a sweep worker. Every worker gets the whole spec and plans
 * it (validation is cheap next to the runs, and every worker then agrees on the points),
 * then runs its share: the points whose index modulo `of` is `share`, interleaved so that
 * costly points (large RAM sizes) spread over the workers.
 */
import type { SweepProblem } from '../../sim/analysis/sweep-axis.ts';
import type { SweepPlan, SweepRow, SweepSpec } from '../../sim/analysis/sweep.ts';

/** What the page needs of a plan besides its rows (the points stay in the workers). */
export type PlanMeta = Pick<SweepPlan, 'field' | 'xs' | 'series' | 'phases' | 'warnings'> & { readonly total: number };

export interface SweepJob {
  readonly type: 'sweep.run';
  readonly id: number;
  readonly spec: SweepSpec;
  readonly share: number;
  readonly of: number;
  /** Points per progress message. */
  readonly chunkSize: number;
}

export type SweepReply =
  | { readonly type: 'sweep.plan'; readonly id: number; readonly meta: PlanMeta }
  | { readonly type: 'sweep.problems'; readonly id: number; readonly problems: readonly SweepProblem[] }
  | { readonly type: 'sweep.rows'; readonly id: number; readonly share: number; readonly rows: readonly SweepRow[] }
  | { readonly type: 'sweep.done'; readonly id: number; readonly share: number; readonly runs: number; readonly ms: number };

/** Whether point `index` belongs to worker `share` of `of`. */
export function isMine(index: number, share: number, of: number): boolean {
  return index % of === share;
}
