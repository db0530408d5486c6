/**
 * Everything a run mutates, shared by the step implementations: the clock, the Trace
 * being recorded, guest memory, and one VFIO listener per container with its mappings.
 */
import type { Scenario } from '../scenario/resolve.ts';
import { Recorder } from '../trace/recorder.ts';
import { COUNTER_NAMES, type CounterDelta, type Counters, type Lane } from '../trace/types.ts';
import type { Micros } from '../time.ts';
import type { MapContext } from '../model/stacks.ts';
import { barMapNs, BAR_UNMAP_NS } from '../model/bars.ts';
import { cpuWork, type WorkNs } from '../model/work.ts';
import { barMapStack, unmapStack } from '../model/stacks.ts';
import { pages4KIn } from '../model/pinning.ts';
import { buildLayout, type GuestLayout, type Range, ramRangesAtReset } from './layout.ts';
import { MemoryOps } from './memory-ops.ts';
import { SimClock } from './sim-clock.ts';
import { type Ioctl, VfioListener } from './vfio-listener.ts';
import { guestPages, backingPageBytes } from '../model/pages.ts';

export interface Container {
  readonly index: number;
  readonly listener: VfioListener;
  /** Union of RAM ranges unmapped so far: mapping them again is a re-pin. */
  unmapped: Range[];
}

export interface IoctlStep {
  readonly ioctl: Ioctl;
  /** The container whose listener issued it. */
  readonly container: number;
  readonly ns: number;
  readonly pages?: { readonly start: number; readonly end: number };
  /** 4 KiB pages of a map that were pinned before in this container. */
  readonly repin4K?: number;
}

export interface IoctlResult {
  readonly work: WorkNs[];
  readonly counts: MutableCounts;
  /** Each ioctl with its own share of the time, for events and page sweeps. */
  readonly steps: IoctlStep[];
  /** Nanoseconds of zeroing inside `work`, and the bytes zeroed (for pin threads). */
  zeroNs: number;
  zeroBytes: number;
}

/**
 * (reading choice, not a measurement) IOVA records (region state changes and ioctls) a run
 * keeps one by one, shared evenly by the containers: the talk's VM makes about 300, a lesson
 * at most a few thousand, while 16 containers each mapping every GPU's BARs on every PAM
 * write make tens of thousands. Past its window a container's ioctls are still priced and
 * counted, and are recorded as `vfio.folded`.
 */
export const DETAIL_RECORDS = 12_000;

export type MutableCounts = { -readonly [K in keyof Counters]?: number };

export function addCounts(into: MutableCounts, delta: CounterDelta): void {
  for (const k of COUNTER_NAMES) {
    const v = delta[k];
    if (v) into[k] = (into[k] ?? 0) + v;
  }
}

export class HostState {
  readonly layout: GuestLayout;
  readonly mem: MemoryOps;
  readonly containers: Container[] = [];
  ramNow: Range[];
  readonly clock = new SimClock();
  readonly rec: Recorder;
  private regionIds = 0;
  /** BAR ends by start address: whether a range is a BAR is asked for every ioctl. */
  private readonly barEnds = new Map<number, Set<number>>();

  /** `detail` off: a lean run for sweeps, which records only what the measures, counters and phases need. */
  constructor(readonly s: Scenario, readonly detail = true) {
    this.rec = new Recorder(detail);
    const pageBytes = backingPageBytes(s.guest.memoryBacking);
    this.layout = buildLayout(s, guestPages(s.guest.ramGiB, s.guest.memoryBacking) * pageBytes);
    this.mem = new MemoryOps(s, this.layout, detail);
    this.ramNow = ramRangesAtReset(this.layout);
    for (const dev of this.layout.bars) {
      for (const b of dev) {
        const ends = this.barEnds.get(b.start);
        if (ends) ends.add(b.end);
        else this.barEnds.set(b.start, new Set([b.end]));
      }
    }
    const count = s.devices.count === 0 ? 0 : s.devices.sharedContainer ? 1 : s.devices.count;
    for (let i = 0; i < count; i++) {
      this.containers.push({
        index: i,
        unmapped: [],
        listener: new VfioListener({
          tracksInUserspace: s.optimizations.userspaceDmaMapTracking,
          keepsHistory: detail,
          detailRecords: Math.floor(DETAIL_RECORDS / count),
          splitAt1MiB: s.optimizations.splitIovaAt1MiB,
          nextId: () => this.regionIds++,
        }),
      });
    }
  }

  now(): Micros {
    return this.clock.now();
  }

  lane(id: string, label: string, group: Lane['group']): void {
    this.rec.addLane({ id, label, group });
  }

  containerOf(gpu: number): Container | undefined {
    return this.containers[this.s.devices.sharedContainer ? 0 : gpu];
  }

  isBar(r: Range): boolean {
    return this.barEnds.get(r.start)?.has(r.end) ?? false;
  }

  /** Changes guest RAM's flat ranges (a PAM write) and returns what the memory core removed and added. */
  setRam(next: readonly Range[]): { removed: Range[]; added: Range[] } {
    const has = (list: readonly Range[], r: Range) => list.some((x) => x.start === r.start && x.end === r.end);
    const removed = this.ramNow.filter((r) => !has(next, r));
    const added = next.filter((r) => !has(this.ramNow, r));
    this.ramNow = [...next];
    return { removed, added };
  }

  /** Runs every container's listener over one topology change and prices what reaches the kernel. */
  updateListeners(removed: readonly Range[], added: readonly Range[], ctx: MapContext): IoctlResult {
    const result: IoctlResult = { work: [], counts: {}, steps: [], zeroNs: 0, zeroBytes: 0 };
    for (const c of this.containers) this.runListener(c, removed, added, ctx, result);
    return result;
  }

  /** The same for one container (its first replay of guest RAM). */
  updateListenersOf(c: Container | undefined, removed: readonly Range[], added: readonly Range[], ctx: MapContext): IoctlResult {
    const result: IoctlResult = { work: [], counts: {}, steps: [], zeroNs: 0, zeroBytes: 0 };
    if (c) this.runListener(c, removed, added, ctx, result);
    return result;
  }

  private runListener(c: Container, removed: readonly Range[], added: readonly Range[], ctx: MapContext, result: IoctlResult): void {
    const counts = result.counts;
    const add = (k: keyof Counters, v: number) => {
      if (v) counts[k] = (counts[k] ?? 0) + v;
    };
    {
      for (const ioctl of c.listener.update(removed, added, this.now())) {
        const r = ioctl.region.range;
        if (ioctl.kind === 'map-skipped') {
          add('dmaMapsSkipped', 1);
          result.steps.push({ ioctl, container: c.index, ns: 0 });
        } else if (ioctl.kind === 'unmap-deferred') {
          result.steps.push({ ioctl, container: c.index, ns: 0 });
        } else if (this.isBar(r)) {
          const mib = (r.end - r.start) / (1024 * 1024);
          const ns = ioctl.kind === 'map' ? barMapNs(this.s.host, mib) : BAR_UNMAP_NS;
          const stack = ioctl.kind === 'map' ? barMapStack(this.s.host.kernel.rawPfnBarMapping) : unmapStack('bar-decode');
          result.work.push(cpuWork(stack, ns));
          add(ioctl.kind === 'map' ? 'dmaMapIoctls' : 'dmaUnmapIoctls', 1);
          result.steps.push({ ioctl, container: c.index, ns });
        } else {
          const priced = ioctl.kind === 'map' ? this.mem.map(r, ctx) : this.mem.unmap(r, ctx);
          result.work.push(...priced.work);
          result.zeroNs += priced.zeroNs;
          result.zeroBytes += priced.zeroBytes;
          addCounts(result.counts, priced.counts);
          let repin4K = 0;
          if (ioctl.kind === 'map') {
            repin4K = pages4KIn(overlapBytes(r, c.unmapped));
            add('pagesRepinned', repin4K);
            add('pagesPinned', pages4KIn(r.end - r.start) - repin4K);
          } else {
            c.unmapped = unionAdd(c.unmapped, r);
          }
          result.steps.push({ ioctl, container: c.index, ns: priced.cpuNs + priced.zeroNs, pages: priced.pages, repin4K });
        }
      }
    }
  }

  /**
   * Records the VFIO events and page sweeps of listener steps laid end to end from `t0`.
   * Steps of regions past their container's detail window become one `vfio.folded` event
   * per container. Returns when the last step ends.
   */
  recordSteps(steps: readonly IoctlStep[], t0: Micros, lane: string, scale = 1): Micros {
    let tNs = t0 * 1_000;
    // Events and page sweeps are for the views only.
    if (!this.detail) {
      for (const step of steps) tNs += step.ns * scale;
      return Math.round(tNs / 1_000);
    }
    const folds = new Map<number, Fold>();
    for (const step of steps) {
      const t = Math.round(tNs / 1_000);
      const end = Math.round((tNs + step.ns * scale) / 1_000);
      const r = step.ioctl.region.range;
      const kind = step.ioctl.kind;
      if ((kind === 'map' || kind === 'unmap') && step.pages) {
        if (kind === 'map') {
          this.mem.record('page.alloc', step.pages.start, step.pages.end, t, end);
          this.mem.record('page.pin', step.pages.start, step.pages.end, t, end);
        } else {
          this.mem.record('page.unpin', step.pages.start, step.pages.end, t, end);
        }
      }
      tNs += step.ns * scale;
      if (!step.ioctl.region.tracked) {
        let fold = folds.get(step.container);
        if (!fold) folds.set(step.container, (fold = emptyFold(t)));
        fold.endUs = end;
        fold[kind]++;
        fold.repin4K += step.repin4K ?? 0;
        continue;
      }
      const region = step.ioctl.region.id;
      switch (kind) {
        case 'map':
          this.rec.event({ type: 'vfio.map', t, lane, region, pages4K: pages4KIn(r.end - r.start), repin: (step.repin4K ?? 0) > 0 });
          break;
        case 'unmap':
          this.rec.event({ type: 'vfio.unmap', t, lane, region, pages4K: pages4KIn(r.end - r.start) });
          break;
        case 'map-skipped':
          this.rec.event({ type: 'vfio.map.skipped', t, lane, region });
          break;
        case 'unmap-deferred':
          this.rec.event({ type: 'vfio.unmap.deferred', t, lane, region });
          break;
      }
    }
    for (const [container, f] of folds) this.recordFold(lane, container, f, 1);
    return Math.round(tNs / 1_000);
  }

  /** One `vfio.folded` event: `times` repeats of the ioctls counted in `f`. */
  recordFold(lane: string, container: number, f: Fold, times: number): void {
    if (!this.detail || times <= 0) return;
    const n = (k: number) => k * times;
    this.rec.event({ type: 'vfio.folded', t: f.t, endUs: f.endUs, lane, container, maps: n(f.map), unmaps: n(f.unmap), mapsSkipped: n(f['map-skipped']), unmapsDeferred: n(f['unmap-deferred']), repinned4K: n(f.repin4K) });
  }
}

/** Ioctls of one container counted instead of recorded one by one, from t to endUs. */
export type Fold = { t: Micros; endUs: Micros; repin4K: number } & Record<Ioctl['kind'], number>;

export function emptyFold(t: Micros): Fold {
  return { t, endUs: t, repin4K: 0, map: 0, unmap: 0, 'map-skipped': 0, 'unmap-deferred': 0 };
}

function overlapBytes(r: Range, set: readonly Range[]): number {
  let sum = 0;
  for (const u of set) sum += Math.max(0, Math.min(r.end, u.end) - Math.max(r.start, u.start));
  return sum;
}

function unionAdd(set: readonly Range[], r: Range): Range[] {
  const all = [...set, r].sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const x of all) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, x.end) };
    else out.push(x);
  }
  return out;
}
