/**
 * The vCPU side of creation (vCPU start to the first kernel log): the firmware's own work,
 * the QEMU work its register writes trigger on the vCPU thread (PAM re-pins, BAR maps,
 * memslots), the waits, and what the guest shows on the guest-firmware lane.
 */
import { CAUSES } from '../model/causes.ts';
import { MEMSLOT_DELETE_NS, memslotCreateNs } from '../model/memslots.ts';
import { memslotStacks, STACKS } from '../model/stacks.ts';
import { cpuWork, sleepWork, type WorkNs } from '../model/work.ts';
import type { FirmwareSegment } from '../machines/ports.ts';
import type { Micros } from '../time.ts';
import type { Phase } from '../trace/phases.ts';
import type { CounterDelta } from '../trace/types.ts';
import { PAGE_4K } from '../units.ts';
import type { HostState, IoctlStep } from './host-state.ts';
import { decodeCycles, recordRepeats } from './bar-decode.ts';
import { ramRangesAfterPamWrite } from './layout.ts';
import { VCPU0 } from './init-steps.ts';

export const GUEST_LANE = 'guest-firmware';

/** (assumption) How the firmware's own time splits over its stages. */
const POST_SHARE: Readonly<Record<FirmwareSegment, number>> = {
  post: 0.25,
  'pci-enumeration': 0.25,
  'smm-setup': 0.1,
  'option-roms': 0.3,
  'prepare-boot': 0.1,
};

export class BiosSteps {
  private guestSpan: { readonly name: string; readonly t: Micros } | undefined;
  private firstDeps: number[] = [];

  constructor(private readonly h: HostState) {}

  private get firmwareLabel(): string {
    return this.h.s.firmware.kind === 'seabios' ? 'SeaBIOS' : 'OVMF';
  }

  /** vCPU start: the guest begins in the firmware. */
  start(causeSpanId: number | undefined): void {
    this.firstDeps = causeSpanId === undefined ? [] : [causeSpanId];
    this.guest(this.firmwareLabel);
  }

  end(): void {
    this.guest(undefined);
  }

  /** Records a step on the vCPU thread `afterUs` after now (steps of one exit run back to back). */
  private step(phase: Phase, name: string, work: readonly WorkNs[], cause: readonly string[], counts: CounterDelta = {}, repeat?: number, afterUs = 0): Micros {
    const span = this.h.rec.span({
      lane: VCPU0, kind: 'phase', phase, name, startUs: this.h.now() + afterUs, work, cause, counts, deps: this.firstDeps,
      ...(repeat !== undefined ? { repeat } : {}),
    });
    this.firstDeps = [];
    return span.endUs - span.startUs;
  }

  post(segment: FirmwareSegment): Micros {
    if (segment === 'prepare-boot') this.guest(this.firmwareLabel);
    const ns = this.h.s.firmware.postMs * 1e6 * POST_SHARE[segment];
    const stack = segment === 'pci-enumeration' ? STACKS.firmwarePci : STACKS.firmwarePost;
    return this.step('firmware', `${this.firmwareLabel} ${segment}`, [cpuWork(stack, ns)], CAUSES.firmware);
  }

  pamWrite(index: number): Micros {
    const h = this.h;
    const merged = index % 2 === 0;
    const t = h.now();
    h.rec.event({ type: 'pam.write', t, lane: VCPU0, index, merged });
    const change = h.setRam(ramRangesAfterPamWrite(h.layout, merged));
    let us = 0;
    if (h.containers.length > 0) {
      const io = h.updateListeners(change.removed, change.added, 'pam-write');
      const pinned = io.steps.filter((s) => s.ioctl.kind === 'map').reduce((a, s) => a + (s.repin4K ?? 0), 0);
      const name = `PAM write ${index + 1}: ${describeSteps(io.steps, pinned)}`;
      us += this.step('dma-map', name, io.work, CAUSES.pamRemap, io.counts);
      h.recordSteps(io.steps, t, VCPU0);
    }
    // KVM deletes and re-creates the low-RAM memslot whose flat range changed.
    const lowPages = (h.layout.belowBytes - 0x100000) / PAGE_4K;
    const stacks = memslotStacks('pam-write');
    const c = memslotCreateNs(h.s.host, h.s.optimizations, Math.max(0, lowPages), false);
    us += this.step('kvm-memslots', `PAM write ${index + 1}: low-RAM memslot`, nonZero([
      cpuWork(stacks.remove, MEMSLOT_DELETE_NS),
      cpuWork(stacks.metadata, c.metadataZeroNs),
      cpuWork(stacks.rmapWalk, c.rmapWalkNs),
    ]), CAUSES.pamMemslots, { memslotsCreated: 1 }, undefined, us);
    return us;
  }

  enableBars(gpu: number): Micros {
    const h = this.h;
    const bars = h.layout.bars[gpu] ?? [];
    const t = h.now();
    const d = decodeCycles(h, gpu);
    const cycles = 1 + h.s.firmware.barDecodeToggles;
    let us = 0;
    if (h.containers.length > 0) {
      us += this.step('bar-map', `gpu${gpu}: BAR maps (${bars.length} BARs × ${cycles} decode cycles)`, nonZero(d.work), CAUSES.barMap, d.counts, d.ioctls);
      const end = h.recordSteps(d.steps, t, VCPU0);
      if (d.repeated) recordRepeats(h, d.repeated, end);
    }
    us += this.step('kvm-memslots', `gpu${gpu}: BAR memslots`, nonZero(d.slotWork), CAUSES.barMemslots, { memslotsCreated: d.slots }, d.slots, us);
    return us;
  }

  bootMenu(): Micros {
    this.guest('boot menu');
    const ns = this.h.s.firmware.bootMenuWaitMs * 1e6;
    return this.step('boot-menu', 'boot menu', [sleepWork(STACKS.bootMenu, ns)], CAUSES.bootMenu);
  }

  grub(): Micros {
    this.guest('GRUB');
    const ns = this.h.s.firmware.grubTimeoutS * 1e9;
    return this.step('grub', 'GRUB menu timeout', [cpuWork(STACKS.grubMenu, ns)], CAUSES.grub);
  }

  kernelLoad(): Micros {
    this.guest('kernel');
    const ns = this.h.s.firmware.kernelLoadMs * 1e6;
    return this.step('kernel-load', 'load kernel and initrd', [cpuWork(STACKS.kernelLoad, ns)], CAUSES.kernelLoad);
  }

  /** Closes the guest-lane span in progress and opens `next`. */
  private guest(next: string | undefined): void {
    const now = this.h.now();
    const cur = this.guestSpan;
    if (cur && cur.name === next) return;
    if (cur && now > cur.t) {
      this.h.rec.span({ lane: GUEST_LANE, kind: 'guest', name: cur.name, startUs: cur.t, durationUs: now - cur.t, cause: [] });
    }
    this.guestSpan = next === undefined ? undefined : { name: next, t: now };
  }
}

function nonZero(work: readonly WorkNs[]): WorkNs[] {
  return work.filter((w) => w.ns > 0);
}

function describeSteps(steps: readonly IoctlStep[], repin4K: number): string {
  const maps = steps.filter((s) => s.ioctl.kind === 'map').length;
  const unmaps = steps.filter((s) => s.ioctl.kind === 'unmap').length;
  const skipped = steps.filter((s) => s.ioctl.kind === 'map-skipped').length;
  if (maps + unmaps === 0) return skipped > 0 ? 'mapping kept in QEMU' : 'no VFIO change';
  const gib = (repin4K * PAGE_4K) / 1024 ** 3;
  return `${unmaps} unmap, ${maps} map${repin4K > 0 ? `, re-pin ${gib >= 1 ? `${gib.toFixed(1)} GiB` : `${Math.round((repin4K * 4))} KiB`}` : ''}`;
}
