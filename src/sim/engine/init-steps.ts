/**
 * The host side of VM initialization (QEMU start to vCPU start): each method performs one
 * step the pipeline or a device machine asks for, records it and returns its length.
 */
import { CAUSES } from '../model/causes.ts';
import { memslotCreateNs } from '../model/memslots.ts';
import { resetUs } from '../model/resets.ts';
import { BAR_MMAP_NS } from '../model/bars.ts';
import { memslotStacks, resetStack, STACKS } from '../model/stacks.ts';
import { cpuWork, sleepWork, totalNs, type WorkNs } from '../model/work.ts';
import { parallelNs } from '../model/zeroing.ts';
import { MAX_PREALLOC_THREADS } from '../scenario/warnings.ts';
import type { Micros } from '../time.ts';
import type { ResetReason, Span } from '../trace/types.ts';
import { PAGES_PER_GIB } from '../units.ts';
import { ramRangesAtReset } from './layout.ts';
import type { HostState } from './host-state.ts';
import type { WorkerClock } from './worker.ts';

export const MAIN = 'qemu-main';
export const VCPU0 = 'vcpu0';
export const deviceLane = (gpu: number) => `gpu${gpu}`;

/** (assumption) qemu_system_reset's own work besides VFIO device resets. */
const SYSTEM_RESET_NS = 1_000_000;

export class InitSteps {
  private wait: { readonly t: Micros; readonly phase: 'pci-reset' | 'system-reset' } | undefined;
  private resetThreadFreeAt: Micros = 0;
  private raced = false;
  vcpuThreadsFrom: Micros = 0;
  readonly deviceSpans: Span[] = [];

  constructor(
    private readonly h: HostState,
    private readonly worker: WorkerClock,
  ) {}

  private ns(ms: number): number {
    return ms * 1e6;
  }

  qemuStart(): Micros {
    const ns = this.ns(this.h.s.host.qemuStartMs);
    // (assumption) configuration and object creation dominate; KVM_CREATE_VM is quick.
    const span = this.h.rec.span({
      lane: MAIN, kind: 'phase', phase: 'qemu-start', name: 'qemu_init', startUs: this.h.now(), cause: CAUSES.qemuStart,
      work: [cpuWork(STACKS.qemuConfig, ns * 0.5), cpuWork(STACKS.kvmCreateVm, ns * 0.1), cpuWork(STACKS.vcpuCreate, ns * 0.4)],
    });
    this.vcpuThreadsFrom = span.endUs;
    return span.endUs - span.startUs;
  }

  prealloc(): Micros {
    const h = this.h;
    const threads = Math.max(1, Math.min(h.s.guest.prealloc.threads, MAX_PREALLOC_THREADS, h.s.host.hostCpus));
    const t = h.now();
    this.race(t, h.mem.dryRunNs(ramRangesAtReset(h.layout), 'realize') / threads);
    const priced = h.mem.prealloc();
    const wallNs = parallelNs(priced.cpuNs, priced.zeroNs, priced.zeroBytes, threads, h.s.host.memoryBandwidthGBps);
    const wallUs = Math.round(wallNs / 1_000);
    const per = priced.pages.end / threads;
    for (let k = 0; k < threads; k++) {
      h.rec.span({
        lane: `prealloc${k}`, kind: 'work', phase: 'prealloc', name: 'touch_pages', startUs: t, durationUs: wallUs,
        cause: CAUSES.prealloc, work: priced.work.map((w) => ({ ...w, ns: w.ns / threads })),
        counts: k === 0 ? priced.counts : {},
      });
      h.mem.record('page.alloc', Math.round(per * k), Math.round(per * (k + 1)), t, t + wallUs);
    }
    h.rec.span({ lane: MAIN, kind: 'phase', phase: 'prealloc', name: 'os_mem_prealloc', startUs: t, durationUs: wallUs, cause: CAUSES.prealloc });
    return wallUs;
  }

  ramMemslots(): Micros {
    const h = this.h;
    const stacks = memslotStacks('ram-init');
    const work: WorkNs[] = [];
    let slots = 0;
    for (const bytes of [h.layout.belowBytes, h.layout.aboveBytes]) {
      if (bytes <= 0) continue;
      const c = memslotCreateNs(h.s.host, h.s.optimizations, (bytes / (1024 ** 3)) * PAGES_PER_GIB, false);
      work.push(cpuWork(stacks.metadata, c.metadataZeroNs), cpuWork(stacks.rmapWalk, c.rmapWalkNs));
      slots++;
    }
    const span = h.rec.span({
      lane: MAIN, kind: 'phase', phase: 'kvm-memslots', name: 'RAM memslots', startUs: h.now(), cause: CAUSES.ramMemslots,
      work: work.filter((w) => w.ns > 0), counts: { memslotsCreated: slots }, repeat: slots,
    });
    return span.endUs - span.startUs;
  }

  containerMap(gpu: number): Micros {
    const h = this.h;
    const t = h.now();
    const setupNs = this.ns(h.s.host.vfioSetupMs);
    const setupUs = Math.round(setupNs / 1_000);
    const threads = Math.max(1, Math.min(h.s.optimizations.pinThreads, h.s.host.hostCpus));
    const ctx = threads > 1 ? 'pin-thread' : 'realize';
    this.race(t + setupUs, h.mem.dryRunNs(ramRangesAtReset(h.layout), ctx) / threads);
    // The listener replays every RAM section when it is registered on a new container.
    const io = h.updateListenersOf(h.containerOf(gpu), [], h.ramNow, ctx);
    const sumNs = totalNs(io.work);
    const wallNs = threads > 1 ? parallelNs(sumNs - io.zeroNs, io.zeroNs, io.zeroBytes, threads, h.s.host.memoryBandwidthGBps) : sumNs;
    const wallUs = Math.round(wallNs / 1_000);
    const name = gpu === 0 ? 'VFIO_IOMMU_MAP_DMA: pin guest RAM' : `container ${gpu}: pin guest RAM again`;
    const setup = cpuWork(STACKS.vfioSetup, setupNs);
    if (threads === 1) {
      h.rec.span({ lane: MAIN, kind: 'phase', phase: 'dma-map', name, startUs: t, durationUs: setupUs + wallUs,
        work: [setup, ...io.work], cause: CAUSES.dmaMap, counts: io.counts });
    } else {
      h.rec.span({ lane: MAIN, kind: 'phase', phase: 'dma-map', name: `${name} (${threads} threads)`, startUs: t,
        durationUs: setupUs + wallUs, work: [setup], cause: CAUSES.dmaMap });
      for (let k = 0; k < threads; k++) {
        h.rec.span({ lane: `pin${k}`, kind: 'work', phase: 'dma-map', name: 'pin guest RAM', startUs: t + setupUs,
          durationUs: wallUs, cause: CAUSES.dmaMap, work: io.work.map((w) => ({ ...w, ns: w.ns / threads })),
          counts: k === 0 ? io.counts : {} });
      }
    }
    h.recordSteps(io.steps, t + setupUs, MAIN, sumNs > 0 ? wallNs / sumNs : 1);
    return setupUs + wallUs;
  }

  /** The worker races the first front that allocates guest RAM (prealloc or the first DMA map). */
  private race(frontStartUs: Micros, frontNs: number): void {
    if (this.raced) return;
    this.raced = true;
    this.worker.race(frontStartUs, frontNs);
  }

  barMmap(gpu: number): Micros {
    const ns = BAR_MMAP_NS * this.h.s.devices.barMiB.length;
    const span = this.h.rec.span({
      lane: MAIN, kind: 'phase', phase: 'bar-map', name: `gpu${gpu}: mmap BARs`, startUs: this.h.now(),
      work: [cpuWork(STACKS.barMmap, ns)], cause: CAUSES.barMmap,
    });
    return span.endUs - span.startUs;
  }

  reset(gpu: number, reason: ResetReason, onThread: boolean): Micros {
    const h = this.h;
    const t = h.now();
    const us = resetUs(h.s.devices.resetMethod, h.s.host.kernel);
    const phase = reason === 'device-open' ? 'pci-reset' : 'system-reset';
    const label = reason === 'device-open' ? '#1 on device open' : '#2 in qemu_system_reset';
    const work = [sleepWork(resetStack(reason, onThread, h.s.devices.resetMethod), us * 1_000)];
    const cause = reason === 'device-open' ? CAUSES.deviceOpenReset : CAUSES.systemReset;
    const counts = { pciResets: 1 };
    if (!onThread) {
      h.rec.span({ lane: MAIN, kind: 'phase', phase, name: `gpu${gpu} reset ${label}`, startUs: t, durationUs: us, work, cause, counts });
    }
    const span = h.rec.span({
      lane: deviceLane(gpu), kind: 'work', phase, name: `reset ${label}`, startUs: t, durationUs: us, cause,
      ...(onThread ? { work, counts, deps: this.threadCause(t) } : {}),
    });
    this.deviceSpans.push(span);
    h.rec.event({ type: 'pci.reset', t, lane: deviceLane(gpu), device: gpu, reason, endUs: t + us });
    return us;
  }

  /** What a reset starting on a thread at `t` waited for: the reset before it on the shared thread, or the main thread. */
  private threadCause(t: Micros): number[] {
    const queued = this.deviceSpans.filter((s) => s.endUs === t && s.startUs < t);
    const prev = queued[queued.length - 1];
    if (prev) return [prev.id];
    const main = this.h.rec.spans.filter((s) => s.lane === MAIN && s.endUs <= t);
    const last = main[main.length - 1];
    return last ? [last.id] : [];
  }

  resetQueueWait(_gpu: number): Micros {
    const now = this.h.now();
    const start = Math.max(now, this.resetThreadFreeAt);
    this.resetThreadFreeAt = start + resetUs(this.h.s.devices.resetMethod, this.h.s.host.kernel);
    return start - now;
  }

  skipReset(gpu: number, reason: ResetReason): void {
    const t = this.h.now();
    this.h.rec.span({ lane: deviceLane(gpu), kind: 'work', phase: 'system-reset', name: 'reset #2 skipped (redundant)',
      startUs: t, durationUs: 0, cause: CAUSES.systemReset, counts: { pciResetsSkipped: 1 } });
    this.h.rec.event({ type: 'pci.reset.skipped', t, lane: deviceLane(gpu), device: gpu, reason });
  }

  systemResetBegin(): Micros {
    const span = this.h.rec.span({
      lane: MAIN, kind: 'phase', phase: 'system-reset', name: 'qemu_system_reset', startUs: this.h.now(),
      work: [cpuWork(STACKS.qemuSystemReset, SYSTEM_RESET_NS)], cause: CAUSES.systemReset,
    });
    return span.endUs - span.startUs;
  }

  beginWait(phase: 'pci-reset' | 'system-reset'): void {
    this.wait = { t: this.h.now(), phase };
  }

  endWait(): void {
    const w = this.wait;
    this.wait = undefined;
    const now = this.h.now();
    if (!w || now <= w.t) return;
    const deps = this.deviceSpans.filter((s) => s.endUs === now).map((s) => s.id);
    this.h.rec.span({
      lane: MAIN, kind: 'blocked', phase: w.phase, name: `${w.phase} · waiting for reset threads`, startUs: w.t,
      durationUs: now - w.t, deps, cause: w.phase === 'pci-reset' ? CAUSES.deviceOpenReset : CAUSES.systemReset,
    });
  }

  libvirtCont(): Micros {
    const h = this.h;
    const now = h.now();
    h.rec.span({ lane: 'libvirt', kind: 'waiting', name: 'waiting for QMP', startUs: 0, durationUs: now, cause: [] });
    const ns = this.ns(h.s.host.libvirtContMs);
    const main = h.rec.last(MAIN);
    const span = h.rec.span({
      lane: 'libvirt', kind: 'work', name: 'cont', startUs: now, cause: CAUSES.libvirt, deps: main ? [main.id] : [],
      work: [cpuWork(STACKS.libvirtCont, ns * 0.9), cpuWork(STACKS.qmpCont, ns * 0.1)],
    });
    return span.endUs - span.startUs;
  }
}
