/**
 * A GPU's BAR decode cycles during firmware PCI set-up: decode on once, then off and on
 * per toggle (SeaBIOS pci_bios_init_device, guest sizing). Each edge changes the memory
 * topology, so every container's listener unmaps or maps every BAR of the device, and KVM
 * deletes or creates a memslot per BAR.
 *
 * With many toggles and one container per device these are tens of thousands of ioctls
 * that repeat exactly: once a cycle leaves every listener as it found it and touched only
 * BARs (no guest RAM, so no pages or pins), the next cycle does the same work again. After
 * the cycles kept in detail, such a cycle is priced once and repeated, and its ioctls are
 * recorded as one `vfio.folded` event per container. Times and counters are unchanged.
 */
import { MEMSLOT_DELETE_NS, memslotCreateNs } from '../model/memslots.ts';
import { memslotStacks } from '../model/stacks.ts';
import { cpuWork, type WorkNs } from '../model/work.ts';
import type { Micros } from '../time.ts';
import { PAGE_4K } from '../units.ts';
import { addCounts, emptyFold, type Fold, type HostState, type IoctlStep, type MutableCounts } from './host-state.ts';
import { VCPU0 } from './init-steps.ts';

/**
 * (reading choice) Decode cycles run one by one before a repeating cycle may be folded:
 * the first decode and two toggles, SeaBIOS's default (firmware-presets.ts), so the
 * talk's VM and every lesson show each of their BAR ioctls.
 */
export const DETAIL_CYCLES = 3;

export interface DecodeCycles {
  /** DMA-map work of every BAR ioctl, in order. */
  readonly work: WorkNs[];
  /** KVM memslot work of every decode edge. */
  readonly slotWork: WorkNs[];
  readonly counts: MutableCounts;
  /** The ioctls run one by one, for the events. */
  readonly steps: IoctlStep[];
  /** All ioctls, including the repeated cycles'. */
  ioctls: number;
  slots: number;
  /** The cycle repeated after the detailed ones, and how many times. */
  readonly repeated?: { readonly steps: readonly IoctlStep[]; readonly times: number };
}

interface Cycle {
  readonly work: WorkNs[];
  readonly slotWork: WorkNs[];
  readonly counts: MutableCounts;
  readonly steps: IoctlStep[];
  slots: number;
}

export function decodeCycles(h: HostState, gpu: number): DecodeCycles {
  const cycles = 1 + h.s.firmware.barDecodeToggles;
  const out: DecodeCycles = { work: [], slotWork: [], counts: {}, steps: [], ioctls: 0, slots: 0 };
  for (let c = 0; c < cycles; c++) {
    const before = c >= DETAIL_CYCLES - 1 && c < cycles - 1 ? listenerSignature(h) : undefined;
    const cycle = runCycle(h, gpu, c === 0 ? [true] : [false, true]);
    add(out, cycle, 1);
    out.steps.push(...cycle.steps);
    if (before !== undefined && before === listenerSignature(h) && barsOnly(h, cycle.steps)) {
      const times = cycles - 1 - c;
      add(out, cycle, times);
      for (let k = 0; k < times; k++) {
        for (const on of [false, true]) h.rec.event({ type: 'bar.decode', t: h.now(), lane: VCPU0, device: gpu, on });
      }
      return { ...out, repeated: { steps: cycle.steps, times } };
    }
  }
  return out;
}

/** Records the repeated cycles as one fold per container, from `t` (after the detailed steps). */
export function recordRepeats(h: HostState, repeated: NonNullable<DecodeCycles['repeated']>, t: Micros): void {
  if (!h.detail) return;
  const folds = new Map<number, Fold>();
  let ns = 0;
  for (const s of repeated.steps) ns += s.ns;
  const endUs = Math.round((t * 1_000 + ns * repeated.times) / 1_000);
  for (const s of repeated.steps) {
    let f = folds.get(s.container);
    if (!f) folds.set(s.container, (f = { ...emptyFold(t), endUs }));
    f[s.ioctl.kind]++;
    f.repin4K += s.repin4K ?? 0;
  }
  for (const [container, f] of folds) h.recordFold(VCPU0, container, f, repeated.times);
}

function add(into: DecodeCycles, cycle: Cycle, times: number): void {
  for (let k = 0; k < times; k++) {
    into.work.push(...cycle.work);
    into.slotWork.push(...cycle.slotWork);
    addCounts(into.counts, cycle.counts);
  }
  into.ioctls += cycle.steps.length * times;
  into.slots += cycle.slots * times;
}

function runCycle(h: HostState, gpu: number, edges: readonly boolean[]): Cycle {
  const bars = h.layout.bars[gpu] ?? [];
  const stacks = memslotStacks('bar-decode');
  const cycle: Cycle = { work: [], slotWork: [], counts: {}, steps: [], slots: 0 };
  for (const on of edges) {
    h.rec.event({ type: 'bar.decode', t: h.now(), lane: VCPU0, device: gpu, on });
    for (const bar of bars) {
      if (on) {
        const cost = memslotCreateNs(h.s.host, h.s.optimizations, (bar.end - bar.start) / PAGE_4K, true);
        cycle.slotWork.push(cpuWork(stacks.metadata, cost.metadataZeroNs), cpuWork(stacks.rmapWalk, cost.rmapWalkNs),
          cpuWork(stacks.dirtyLog, cost.dirtyLogNs));
        cycle.slots++;
      } else {
        cycle.slotWork.push(cpuWork(stacks.remove, MEMSLOT_DELETE_NS));
      }
    }
    const io = on ? h.updateListeners([], bars, 'bar-decode') : h.updateListeners(bars, [], 'bar-decode');
    cycle.work.push(...io.work);
    cycle.steps.push(...io.steps);
    addCounts(cycle.counts, io.counts);
  }
  return cycle;
}

/** Every container's live mappings (range and state, in the listener's order). */
function listenerSignature(h: HostState): string {
  return h.containers.map((c) => c.listener.signature()).join('|');
}

/** Whether a cycle's ioctls touched only BARs: no guest RAM, so no page or pin state changed. */
function barsOnly(h: HostState, steps: readonly IoctlStep[]): boolean {
  return steps.every((s) => (s.ioctl.kind !== 'map' && s.ioctl.kind !== 'unmap') || h.isBar(s.ioctl.region.range));
}
