/**
 * The guest firmware from the first instruction to the first kernel log line (SeaBIOS 1.13
 * order, call-paths.md section 8): POST makes the BIOS shadow writable (PAM writes), PCI
 * set-up turns on memory decode for every BAR, SMM set-up opens and closes SMRAM (more
 * writes), option ROMs, the boot menu, prepareboot makes the shadow read-only (the last
 * writes), then GRUB and the kernel.
 */
import { assign, setup } from 'xstate';
import type { Micros } from '../time.ts';
import type { FirmwarePorts } from './ports.ts';

export interface FirmwareInput {
  readonly ports: FirmwarePorts;
  /** PAM/SMRAM writes in POST, in SMM set-up and in prepareboot. */
  readonly pamWrites: readonly [number, number, number];
  readonly devices: number;
  readonly bootMenu: boolean;
}

interface FirmwareContext extends FirmwareInput {
  readonly stepUs: Micros;
  readonly pamIndex: number;
  readonly pamLeft: number;
  readonly gpu: number;
}

/**
 * How SeaBIOS's writes fall into the three places (call-paths.md 8.3: two writable
 * dwords, SMRAM open and close, then read-only: about 2/5, 2/5 and 1/5).
 */
export function splitPamWrites(total: number): [number, number, number] {
  const first = Math.ceil((total * 2) / 5);
  const second = Math.min(total - first, Math.floor((total * 2) / 5));
  return [first, second, total - first - second];
}

export const firmwareMachine = setup({
  types: {
    context: {} as FirmwareContext,
    input: {} as FirmwareInput,
  },
  actions: {
    startPamBatch: assign({
      pamLeft: ({ context }, batch: 0 | 1 | 2) => context.pamWrites[batch],
    }),
    writePam: assign({
      stepUs: ({ context }) => context.ports.pamWrite(context.pamIndex),
      pamIndex: ({ context }) => context.pamIndex + 1,
      pamLeft: ({ context }) => context.pamLeft - 1,
    }),
    runPost: assign({ stepUs: ({ context }) => context.ports.post('post') }),
    runPciEnumeration: assign({ stepUs: ({ context }) => context.ports.post('pci-enumeration') }),
    enableBars: assign({
      stepUs: ({ context }) => context.ports.enableBars(context.gpu),
      gpu: ({ context }) => context.gpu + 1,
    }),
    runSmmSetup: assign({ stepUs: ({ context }) => context.ports.post('smm-setup') }),
    runOptionRoms: assign({ stepUs: ({ context }) => context.ports.post('option-roms') }),
    waitInBootMenu: assign({ stepUs: ({ context }) => context.ports.bootMenu() }),
    runPrepareBoot: assign({ stepUs: ({ context }) => context.ports.post('prepare-boot') }),
    runGrub: assign({ stepUs: ({ context }) => context.ports.grub() }),
    loadKernel: assign({ stepUs: ({ context }) => context.ports.kernelLoad() }),
  },
  guards: {
    hasPamWriteLeft: ({ context }) => context.pamLeft > 0,
    hasBarsLeft: ({ context }) => context.gpu < context.devices,
    showsBootMenu: ({ context }) => context.bootMenu,
  },
  delays: {
    step: ({ context }) => context.stepUs,
  },
}).createMachine({
  id: 'firmware',
  context: ({ input }) => ({ ...input, stepUs: 0, pamIndex: 0, pamLeft: 0, gpu: 0 }),
  initial: 'post',
  states: {
    post: { entry: 'runPost', after: { step: 'makeBiosWritable' } },
    makeBiosWritable: {
      entry: { type: 'startPamBatch', params: 0 },
      initial: 'next',
      states: {
        next: { always: [{ guard: 'hasPamWriteLeft', target: 'writing' }, { target: '#firmware.pciEnumeration' }] },
        writing: { entry: 'writePam', after: { step: 'next' } },
      },
    },
    pciEnumeration: { entry: 'runPciEnumeration', after: { step: 'enablingBars' } },
    enablingBars: {
      initial: 'next',
      states: {
        next: { always: [{ guard: 'hasBarsLeft', target: 'enabling' }, { target: '#firmware.smmSetup' }] },
        enabling: { entry: 'enableBars', after: { step: 'next' } },
      },
    },
    smmSetup: { entry: 'runSmmSetup', after: { step: 'smramOpenClose' } },
    smramOpenClose: {
      entry: { type: 'startPamBatch', params: 1 },
      initial: 'next',
      states: {
        next: { always: [{ guard: 'hasPamWriteLeft', target: 'writing' }, { target: '#firmware.optionRoms' }] },
        writing: { entry: 'writePam', after: { step: 'next' } },
      },
    },
    optionRoms: {
      entry: 'runOptionRoms',
      after: { step: [{ guard: 'showsBootMenu', target: 'bootMenu' }, { target: 'prepareBoot' }] },
    },
    bootMenu: { entry: 'waitInBootMenu', after: { step: 'prepareBoot' } },
    prepareBoot: { entry: 'runPrepareBoot', after: { step: 'makeBiosReadonly' } },
    makeBiosReadonly: {
      entry: { type: 'startPamBatch', params: 2 },
      initial: 'next',
      states: {
        next: { always: [{ guard: 'hasPamWriteLeft', target: 'writing' }, { target: '#firmware.grub' }] },
        writing: { entry: 'writePam', after: { step: 'next' } },
      },
    },
    grub: { entry: 'runGrub', after: { step: 'kernelLoad' } },
    kernelLoad: { entry: 'loadKernel', after: { step: 'done' } },
    done: { type: 'final' },
  },
});
