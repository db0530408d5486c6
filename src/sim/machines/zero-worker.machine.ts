/**
 * The pre-zero worker (Liang Li's PG_zero RFC): a page-reporting work item that clears
 * free pages in batches and sleeps between them. It is woken when pages are freed; on a
 * host with dirty free pages it is already running when QEMU starts. It stops when it has
 * cleared every dirty page it can reach before the allocator takes them.
 */
import { setup } from 'xstate';
import type { WorkerPorts } from './ports.ts';

export interface ZeroWorkerInput {
  readonly ports: WorkerPorts;
  /** Whether PG_zero exists at all (optimizations.prezeroFreePages). */
  readonly enabled: boolean;
  /** Whether free pages still lack PG_zero when QEMU starts. */
  readonly hasDirtyPages: boolean;
}

export type ZeroWorkerEvent = { type: 'worker.caughtUp' };

export const zeroWorkerMachine = setup({
  types: { context: {} as ZeroWorkerInput, input: {} as ZeroWorkerInput, events: {} as ZeroWorkerEvent },
  actions: {
    start: ({ context }) => context.ports.workerStart(),
  },
  guards: {
    isOff: ({ context }) => !context.enabled,
    hasWork: ({ context }) => context.hasDirtyPages,
  },
}).createMachine({
  id: 'zeroWorker',
  context: ({ input }) => input,
  initial: 'starting',
  states: {
    starting: { always: [{ guard: 'isOff', target: 'off' }, { guard: 'hasWork', target: 'zeroing' }, { target: 'idle' }] },
    // PG_zero does not exist on this host.
    off: { type: 'final' },
    // Every free page already carries PG_zero; nothing was freed since.
    idle: {},
    // Until every dirty page it can reach is clear, or the allocator has taken the rest.
    zeroing: { entry: 'start', on: { 'worker.caughtUp': 'idle' } },
  },
});
