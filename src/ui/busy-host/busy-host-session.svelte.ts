/**
 * The Busy host tab's state: its inputs, the simulation running in a Web Worker, and the
 * result. Like the Charts session it outlives the tab's component, so switching tabs
 * neither loses the result nor stops a run. The defaults are the talk's limitation: 48 GiB
 * VMs arriving every 10 minutes on a host with 200 GiB free, living 5 minutes each, with
 * the RFC's default worker (64 MiB every second), which cannot re-zero 48 GiB in time.
 */
import type { Allocation, BusyHostParams, BusyHostProblem, BusyHostResult } from '../../sim/analysis/busy-host.ts';
import { setPath } from '../../sim/analysis/sweep-axis.ts';
import type { RunSession, RunStatus } from '../charts/run-session.ts';
import type { BusyHostJob, BusyHostReply } from './busy-host-protocol.ts';
import BusyWorker from './busy-host.worker.ts?worker';

export interface BusyInputs {
  hostFreeGiB: number;
  vmRamGiB: number;
  intervalS: number;
  lifetimeS: number;
  count: number;
  workerBatchMiB: number;
  workerDelayMs: number;
  initialZeroedShare: number;
  allocation: Allocation;
  /** Turn optimizations.prezeroFreePages on in the VMs' scenario (the talk's fix under test). */
  prezero: boolean;
}

export const DEFAULT_INPUTS: Readonly<BusyInputs> = {
  hostFreeGiB: 200, vmRamGiB: 48, intervalS: 600, lifetimeS: 300, count: 12,
  workerBatchMiB: 64, workerDelayMs: 1000, initialZeroedShare: 1, allocation: 'dirty-first', prezero: true,
};

/** The simulation's parameters: every VM is the scenario being edited, with the inputs on top. */
export function busyParams(inputs: BusyInputs, scenario: unknown): BusyHostParams {
  const vm = inputs.prezero ? setPath(scenario, ['optimizations', 'prezeroFreePages'], true) : scenario;
  return {
    scenario: vm, vmRamGiB: inputs.vmRamGiB, workerBatchMiB: inputs.workerBatchMiB, workerDelayMs: inputs.workerDelayMs,
    hostFreeGiB: inputs.hostFreeGiB, intervalS: inputs.intervalS, lifetimeS: inputs.lifetimeS, count: inputs.count,
    initialZeroedShare: inputs.initialZeroedShare, allocation: inputs.allocation,
  };
}

export class BusyHostSession implements RunSession {
  inputs = $state<BusyInputs>({ ...DEFAULT_INPUTS });
  status = $state<RunStatus>('idle');
  done = $state(0);
  total = $state(0);
  result = $state.raw<BusyHostResult | undefined>(undefined);
  problems = $state.raw<readonly BusyHostProblem[]>([]);
  error = $state<string | undefined>(undefined);
  ms = $state(0);
  /** The scenario text the result was simulated from. */
  ranFor = $state<string | undefined>(undefined);

  #worker: Worker | undefined;
  #id = 0;

  start(params: BusyHostParams, text: string): void {
    this.cancel();
    const id = ++this.#id;
    const w = new BusyWorker();
    this.#worker = w;
    this.status = 'running';
    this.done = 0;
    this.total = params.count;
    this.problems = [];
    this.error = undefined;
    this.ranFor = text;
    w.addEventListener('message', (e: MessageEvent<BusyHostReply>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'busy.progress') {
        this.done = m.done;
        this.total = m.total;
      } else if (m.type === 'busy.problems') {
        this.problems = m.problems;
        this.status = 'problems';
        this.#stop();
      } else {
        this.result = m.result;
        this.ms = m.ms;
        this.done = this.total;
        this.status = 'done';
        this.#stop();
      }
    });
    w.addEventListener('error', (e: ErrorEvent) => {
      this.error = e.message || 'the busy-host worker failed';
      this.status = 'error';
      this.#stop();
    });
    const job: BusyHostJob = { type: 'busy.run', id, params };
    w.postMessage(job);
  }

  cancel(): void {
    if (this.status === 'running') this.status = 'cancelled';
    this.#stop();
  }

  #stop(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
  }
}

let session: BusyHostSession | undefined;

export function busyHostSession(): BusyHostSession {
  session ??= new BusyHostSession();
  return session;
}
