/**
 * What the run form and its status line read of a session that runs in Web Workers: the
 * Charts tab's sweep and the Busy host tab's simulation. Both sessions outlive their tab,
 * so the form and the status line only read them and ask them to cancel.
 */
import type { SweepProblem } from '../../sim/analysis/sweep-axis.ts';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'problems' | 'error';

/** A problem in words; a sweep's problems may name the series they are about. */
export type RunProblem = Pick<SweepProblem, 'message' | 'series'>;

export interface RunSession {
  readonly status: RunStatus;
  /** Work finished and work planned, in the view's unit (sweep runs, VMs); 0 before a plan. */
  readonly done: number;
  readonly total: number;
  readonly problems: readonly RunProblem[];
  cancel(): void;
}
