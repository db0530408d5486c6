/** Messages between the page and the busy-host worker: one simulation at a time. */
import type { BusyHostParams, BusyHostProblem, BusyHostResult } from '../../sim/analysis/busy-host.ts';

export interface BusyHostJob {
  readonly type: 'busy.run';
  readonly id: number;
  readonly params: BusyHostParams;
}

export type BusyHostReply =
  | { readonly type: 'busy.progress'; readonly id: number; readonly done: number; readonly total: number }
  | { readonly type: 'busy.problems'; readonly id: number; readonly problems: readonly BusyHostProblem[] }
  | { readonly type: 'busy.result'; readonly id: number; readonly result: BusyHostResult; readonly ms: number };
