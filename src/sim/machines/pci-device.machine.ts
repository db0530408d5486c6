/**
 * A passthrough PCI device (a GPU). It is reset when VFIO opens it (reset #1) and again
 * by qemu_system_reset (reset #2); with the talk's fix the second is skipped as
 * redundant. The pipeline says whether a reset runs on the main thread or on a thread of
 * its own; a reset queued on a single helper thread waits for that thread first.
 */
import { assertEvent, assign, sendParent, setup } from 'xstate';
import type { Micros } from '../time.ts';
import type { ResetReason } from '../trace/types.ts';
import type { DevicePorts } from './ports.ts';

export interface PciDeviceInput {
  readonly gpu: number;
  readonly ports: DevicePorts;
  readonly skipRedundantReset: boolean;
}

interface PciDeviceContext extends PciDeviceInput {
  readonly stepUs: Micros;
  readonly onThread: boolean;
}

export type PciDeviceEvent = {
  type: 'pci.reset';
  reason: ResetReason;
  /** On a thread of its own (parallel, or overlapped with the DMA map) rather than the main thread. */
  onThread: boolean;
  /** Wait for the single shared reset thread first. */
  queued: boolean;
};

export type PciDeviceReply = { type: 'pci.reset.done'; gpu: number; skipped: boolean };

export const pciDeviceMachine = setup({
  types: {
    context: {} as PciDeviceContext,
    input: {} as PciDeviceInput,
    events: {} as PciDeviceEvent,
  },
  actions: {
    takeRequest: assign({
      onThread: ({ event }) => {
        assertEvent(event, 'pci.reset');
        return event.onThread;
      },
    }),
    waitForThread: assign({ stepUs: ({ context }) => context.ports.resetQueueWait(context.gpu) }),
    resetOnOpen: assign({ stepUs: ({ context }) => context.ports.reset(context.gpu, 'device-open', context.onThread) }),
    resetOnSystemReset: assign({ stepUs: ({ context }) => context.ports.reset(context.gpu, 'system-reset', context.onThread) }),
    recordSkip: ({ context }) => context.ports.skipReset(context.gpu, 'system-reset'),
    replyDone: sendParent(({ context }): PciDeviceReply => ({ type: 'pci.reset.done', gpu: context.gpu, skipped: false })),
    replySkipped: sendParent(({ context }): PciDeviceReply => ({ type: 'pci.reset.done', gpu: context.gpu, skipped: true })),
  },
  guards: {
    isQueued: ({ event }) => event.queued,
    // Reset #2 right after reset #1 with nothing in between: the talk removes it.
    isRedundant: ({ context, event }) => context.skipRedundantReset && event.reason === 'system-reset',
  },
  delays: {
    step: ({ context }) => context.stepUs,
  },
}).createMachine({
  id: 'pciDevice',
  context: ({ input }) => ({ ...input, stepUs: 0, onThread: false }),
  initial: 'closed',
  states: {
    closed: {
      on: {
        'pci.reset': [
          { guard: 'isQueued', target: 'queuedForThread', actions: 'takeRequest' },
          { target: 'resettingOnOpen', actions: 'takeRequest' },
        ],
      },
    },
    queuedForThread: {
      entry: 'waitForThread',
      after: { step: 'resettingOnOpen' },
    },
    resettingOnOpen: {
      entry: 'resetOnOpen',
      after: { step: { target: 'open', actions: 'replyDone' } },
    },
    open: {
      on: {
        'pci.reset': [
          { guard: 'isRedundant', target: 'ready', actions: ['recordSkip', 'replySkipped'] },
          { target: 'resettingOnSystemReset', actions: 'takeRequest' },
        ],
      },
    },
    resettingOnSystemReset: {
      entry: 'resetOnSystemReset',
      after: { step: { target: 'ready', actions: 'replyDone' } },
    },
    ready: {},
  },
});
