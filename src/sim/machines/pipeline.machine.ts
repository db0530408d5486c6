/**
 * VM creation from QEMU start to the first guest kernel log line, in QEMU 5.0's order
 * (call-paths.md): qemu_init (KVM, vCPU threads), guest RAM and its memslots, then each
 * VFIO device is realized (container + DMA map of RAM, device open with reset #1, BAR
 * mmap), qemu_system_reset (reset #2), libvirt's "cont" starts the vCPUs, and the
 * firmware runs to the kernel. The three measures' boundaries are the pipeline's marks:
 * QEMU start (t = 0), vCPU start (entering `bios`) and the first kernel log (`kernelStarted`).
 */
import { assertEvent, assign, enqueueActions, setup } from 'xstate';
import type { Micros } from '../time.ts';
import { firmwareMachine, type FirmwareInput } from './firmware.machine.ts';
import { pciDeviceMachine, type PciDeviceEvent, type PciDeviceReply } from './pci-device.machine.ts';
import type { Ports } from './ports.ts';
import { zeroWorkerMachine } from './zero-worker.machine.ts';

export interface PipelineInput {
  readonly ports: Ports;
  readonly devices: number;
  readonly sharedContainer: boolean;
  readonly preallocates: boolean;
  readonly parallelResets: boolean;
  readonly overlapResetWithDmaMap: boolean;
  readonly skipRedundantReset: boolean;
  readonly prezeroFreePages: boolean;
  readonly hasDirtyFreePages: boolean;
  readonly firmware: Omit<FirmwareInput, 'ports'>;
}

interface PipelineContext extends PipelineInput {
  readonly stepUs: Micros;
  /** Index of the device being realized, or reset in turn. */
  readonly gpu: number;
  /** Resets running on other threads that the main thread has not joined yet. */
  readonly pendingResets: number;
}

export const deviceId = (gpu: number) => `gpu${gpu}`;

export const pipelineMachine = setup({
  types: {
    context: {} as PipelineContext,
    input: {} as PipelineInput,
    events: {} as PciDeviceReply,
  },
  actors: { pciDevice: pciDeviceMachine, firmware: firmwareMachine, zeroWorker: zeroWorkerMachine },
  actions: {
    spawnDevices: enqueueActions(({ context, enqueue }) => {
      for (let gpu = 0; gpu < context.devices; gpu++) {
        enqueue.spawnChild('pciDevice', {
          id: deviceId(gpu),
          input: { gpu, ports: context.ports, skipRedundantReset: context.skipRedundantReset },
        });
      }
    }),
    startWorker: enqueueActions(({ context, enqueue }) => {
      enqueue.spawnChild('zeroWorker', {
        id: 'zeroWorker',
        input: { ports: context.ports, enabled: context.prezeroFreePages, hasDirtyPages: context.hasDirtyFreePages },
      });
    }),
    runQemuStart: assign({ stepUs: ({ context }) => context.ports.qemuStart() }),
    runPrealloc: assign({ stepUs: ({ context }) => context.ports.prealloc() }),
    runRamMemslots: assign({ stepUs: ({ context }) => context.ports.ramMemslots() }),
    runContainerMap: assign({ stepUs: ({ context }) => context.ports.containerMap(context.gpu) }),
    runBarMmap: assign({ stepUs: ({ context }) => context.ports.barMmap(context.gpu) }),
    nextGpu: assign({ gpu: ({ context }) => context.gpu + 1 }),
    firstGpu: assign({ gpu: 0 }),
    // Overlap: every device-open reset starts on a reset thread before RAM is pinned.
    launchOverlappedResets: enqueueActions(({ context, enqueue }) => {
      if (!context.overlapResetWithDmaMap) return;
      for (let gpu = 0; gpu < context.devices; gpu++) {
        const event: PciDeviceEvent = { type: 'pci.reset', reason: 'device-open', onThread: true, queued: !context.parallelResets };
        enqueue.sendTo(deviceId(gpu), event);
      }
      enqueue.assign({ pendingResets: context.pendingResets + context.devices });
    }),
    openResetOnThread: enqueueActions(({ context, enqueue }) => {
      const event: PciDeviceEvent = { type: 'pci.reset', reason: 'device-open', onThread: true, queued: false };
      enqueue.sendTo(deviceId(context.gpu), event);
      enqueue.assign({ pendingResets: context.pendingResets + 1 });
    }),
    openResetOnMain: enqueueActions(({ context, enqueue }) => {
      const event: PciDeviceEvent = { type: 'pci.reset', reason: 'device-open', onThread: false, queued: false };
      enqueue.sendTo(deviceId(context.gpu), event);
    }),
    systemResetOnMain: enqueueActions(({ context, enqueue }) => {
      const event: PciDeviceEvent = { type: 'pci.reset', reason: 'system-reset', onThread: false, queued: false };
      enqueue.sendTo(deviceId(context.gpu), event);
    }),
    systemResetAll: enqueueActions(({ context, enqueue }) => {
      for (let gpu = 0; gpu < context.devices; gpu++) {
        const event: PciDeviceEvent = { type: 'pci.reset', reason: 'system-reset', onThread: true, queued: false };
        enqueue.sendTo(deviceId(gpu), event);
      }
      enqueue.assign({ pendingResets: context.devices });
    }),
    joinedOne: assign({ pendingResets: ({ context }) => context.pendingResets - 1 }),
    beginResetWait: ({ context }) => context.ports.beginWait('pci-reset'),
    beginSystemResetWait: ({ context }) => context.ports.beginWait('system-reset'),
    endWait: ({ context }) => context.ports.endWait(),
    runSystemReset: assign({ stepUs: ({ context }) => context.ports.systemResetBegin() }),
    runLibvirtCont: assign({ stepUs: ({ context }) => context.ports.libvirtCont() }),
    markVcpuStart: ({ context }) => context.ports.vcpuStart(),
    markFirstKernelLog: ({ context }) => context.ports.firstKernelLog(),
  },
  guards: {
    preallocates: ({ context }) => context.preallocates,
    allRealized: ({ context }) => context.gpu >= context.devices,
    // Devices in one container share the RAM mapping: only the first maps it.
    needsContainerMap: ({ context }) => context.gpu === 0 || !context.sharedContainer,
    resetsOnThreads: ({ context }) => context.parallelResets || context.overlapResetWithDmaMap,
    resetAlreadyLaunched: ({ context }) => context.overlapResetWithDmaMap,
    noPendingResets: ({ context }) => context.pendingResets === 0,
    isLastPending: ({ context }) => context.pendingResets === 1,
    resetsInParallel: ({ context }) => context.parallelResets && context.devices > 0,
    moreToReset: ({ context }) => context.gpu < context.devices,
    fromDevice: ({ event }) => {
      assertEvent(event, 'pci.reset.done');
      return true;
    },
  },
  delays: {
    step: ({ context }) => context.stepUs,
  },
}).createMachine({
  id: 'pipeline',
  context: ({ input }) => ({ ...input, stepUs: 0, gpu: 0, pendingResets: 0 }),
  // A reset finishing on its own thread is joined later; until then it is only counted.
  on: { 'pci.reset.done': { guard: 'fromDevice', actions: 'joinedOne' } },
  initial: 'qemuStart',
  states: {
    qemuStart: {
      entry: ['spawnDevices', 'startWorker', 'runQemuStart'],
      after: { step: [{ guard: 'preallocates', target: 'prealloc' }, { target: 'ramMemslots' }] },
    },
    prealloc: { entry: 'runPrealloc', after: { step: 'ramMemslots' } },
    ramMemslots: { entry: 'runRamMemslots', after: { step: 'realize' } },
    realize: {
      entry: ['firstGpu', 'launchOverlappedResets'],
      initial: 'nextDevice',
      states: {
        nextDevice: {
          always: [
            { guard: 'allRealized', target: '#pipeline.joinResets' },
            { guard: 'needsContainerMap', target: 'dmaMap' },
            { target: 'deviceOpen' },
          ],
        },
        dmaMap: { entry: 'runContainerMap', after: { step: 'deviceOpen' } },
        deviceOpen: {
          always: [
            { guard: 'resetAlreadyLaunched', target: 'barMmap' },
            { guard: 'resetsOnThreads', target: 'barMmap', actions: 'openResetOnThread' },
            { target: 'awaitingReset', actions: 'openResetOnMain' },
          ],
        },
        // The main thread itself sleeps in VFIO_GROUP_GET_DEVICE_FD.
        awaitingReset: { on: { 'pci.reset.done': 'barMmap' } },
        barMmap: { entry: 'runBarMmap', after: { step: { target: 'nextDevice', actions: 'nextGpu' } } },
      },
    },
    joinResets: {
      always: [{ guard: 'noPendingResets', target: 'systemReset' }, { target: 'waitingForResets' }],
    },
    waitingForResets: {
      entry: 'beginResetWait',
      exit: 'endWait',
      on: {
        'pci.reset.done': [
          { guard: 'isLastPending', target: 'systemReset', actions: 'joinedOne' },
          { actions: 'joinedOne' },
        ],
      },
    },
    systemReset: {
      entry: 'runSystemReset',
      after: { step: [{ guard: 'resetsInParallel', target: 'systemResetParallel' }, { target: 'systemResetSerial' }] },
    },
    systemResetSerial: {
      entry: 'firstGpu',
      initial: 'next',
      states: {
        next: {
          always: [
            { guard: 'moreToReset', target: 'resetting', actions: 'systemResetOnMain' },
            { target: '#pipeline.awaitingCont' },
          ],
        },
        resetting: { on: { 'pci.reset.done': { target: 'next', actions: 'nextGpu' } } },
      },
    },
    systemResetParallel: {
      entry: ['systemResetAll', 'beginSystemResetWait'],
      exit: 'endWait',
      always: { guard: 'noPendingResets', target: 'awaitingCont' },
      on: {
        'pci.reset.done': [
          { guard: 'isLastPending', target: 'awaitingCont', actions: 'joinedOne' },
          { actions: 'joinedOne' },
        ],
      },
    },
    awaitingCont: { entry: 'runLibvirtCont', after: { step: 'bios' } },
    bios: {
      entry: 'markVcpuStart',
      invoke: {
        id: 'firmware',
        src: 'firmware',
        input: ({ context }) => ({ ...context.firmware, ports: context.ports }),
        onDone: 'kernelStarted',
      },
    },
    kernelStarted: { type: 'final', entry: 'markFirstKernelLog' },
  },
});
