/**
 * Guest RAM on the host: the page extents, and every operation that touches them priced
 * by the model. Records each sweep as a PageOp so views can rebuild any page's history.
 */
import type { Scenario } from '../scenario/resolve.ts';
import type { PageEvent, PageState } from '../machines/page.machine.ts';
import { countIn, type Pattern, seededPhase } from '../model/patterns.ts';
import { backingPageBytes, guestPages, maxRunPages, subpagesPerPage } from '../model/pages.ts';
import { numaCostFactor } from '../model/numa.ts';
import { pages4KIn, pinStyle, priceMap, priceUnmap } from '../model/pinning.ts';
import type { MapContext } from '../model/stacks.ts';
import { preallocStacks } from '../model/stacks.ts';
import { cpuWork, type WorkNs } from '../model/work.ts';
import { parallelNs, zeroNsPerPage } from '../model/zeroing.ts';
import { race, workerBytesPerNs } from '../model/prezero.ts';
import type { Micros } from '../time.ts';
import type { CounterDelta, PageOp } from '../trace/types.ts';
import { type GuestLayout, type Range, ramOffset } from './layout.ts';
import { PageExtents } from './page-extents.ts';

/** Pages the memory view shows by default, from the start of guest RAM. */
export const DETAIL_WINDOW_PAGES = 4096;

export interface PricedWork {
  readonly work: readonly WorkNs[];
  readonly counts: CounterDelta;
  /** CPU nanoseconds that are not zeroing, and zeroing nanoseconds and bytes (for threading). */
  readonly cpuNs: number;
  readonly zeroNs: number;
  readonly zeroBytes: number;
  readonly pages: { readonly start: number; readonly end: number };
}

export class MemoryOps {
  readonly pageBytes: number;
  readonly totalPages: number;
  readonly extents: PageExtents;
  readonly prezeroed: Pattern;
  readonly runBreaks: Pattern;
  readonly ops: PageOp[] = [];
  readonly initialA: PageState = 'dirtyFree';
  readonly initialB: PageState;
  /** Whether the pre-zero worker can reach these pages at all (hugetlbfs needs the later RFC). */
  readonly prezeroReaches: boolean;
  private readonly numaFactor: number;

  constructor(
    private readonly s: Scenario,
    private readonly layout: GuestLayout,
    /** Off in a lean run: no page sweeps are kept (they feed the memory view only). */
    private readonly keepsOps = true,
  ) {
    const backing = s.guest.memoryBacking;
    this.pageBytes = backingPageBytes(backing);
    this.totalPages = guestPages(s.guest.ramGiB, backing);
    // hugetlbfs pages live in their own pool, which only the later hugetlb RFC pre-zeroes.
    const eligible = !backing.startsWith('hugetlb') || s.host.kernel.hugetlbPrezero;
    this.prezeroReaches = s.optimizations.prezeroFreePages && eligible;
    const share = this.prezeroReaches ? s.host.freePool.prezeroedShare : 0;
    this.prezeroed = { share, phase: seededPhase(s.seed, 1) };
    this.initialB = share > 0 ? 'zeroedFree' : 'dirtyFree';
    // A run breaks after a page with probability `fragmentation`, and at the allocator's largest block.
    const breakShare = Math.min(1, Math.max(s.host.freePool.fragmentation, 1 / maxRunPages(backing)));
    this.runBreaks = { share: breakShare, phase: seededPhase(s.seed, 2) };
    this.extents = new PageExtents(this.totalPages, this.initialA, this.initialB, this.prezeroed);
    this.numaFactor = numaCostFactor(s.host, s.guest.numaPolicy);
  }

  /** Backing pages a guest-physical RAM range touches. */
  pageRange(r: Range): { start: number; end: number } {
    const o0 = ramOffset(this.layout, r.start);
    const o1 = ramOffset(this.layout, r.end - 1) + 1;
    return { start: Math.floor(o0 / this.pageBytes), end: Math.min(this.totalPages, Math.ceil(o1 / this.pageBytes)) };
  }

  /** Faults, zeroes and pins a RAM range: the kernel side of one VFIO_IOMMU_MAP_DMA. */
  map(r: Range, ctx: MapContext): PricedWork {
    const pages = this.pageRange(r);
    const alloc = this.extents.apply(pages.start, pages.end, 'page.alloc');
    this.extents.apply(pages.start, pages.end, 'page.pin');
    const backing = this.s.guest.memoryBacking;
    const pages4K = pages4KIn(r.end - r.start);
    const runs = pages.end > pages.start ? countIn(this.runBreaks, pages.start, pages.end - 1) + 1 : 0;
    const price = priceMap({
      host: this.s.host,
      backing,
      style: pinStyle(this.s.host, this.s.optimizations),
      ctx,
      pages4K,
      backingPages: pages.end - pages.start,
      runs,
      faults: alloc.fault,
      zeroed: alloc.zeroInline,
      numaFactor: this.numaFactor,
    });
    const sub = subpagesPerPage(backing);
    let totalNs = 0;
    for (const w of price.work) totalNs += w.ns;
    return {
      work: price.work,
      counts: {
        pagesZeroed: alloc.zeroInline * sub,
        zeroingsSkipped: alloc.skipZeroing * sub,
        pageFaults: alloc.fault,
        pageTableReads: price.pageTableReads,
        pageWalks: price.walks,
        gupCalls: price.gupCalls,
        dmaMapIoctls: 1,
      },
      cpuNs: totalNs - price.zeroNs,
      zeroNs: price.zeroNs,
      zeroBytes: price.zeroBytes,
      pages,
    };
  }

  unmap(r: Range, ctx: MapContext): PricedWork {
    const pages = this.pageRange(r);
    this.extents.apply(pages.start, pages.end, 'page.unpin');
    const work = priceUnmap(this.s.host, ctx, pages4KIn(r.end - r.start));
    let ns = 0;
    for (const w of work) ns += w.ns;
    return { work, counts: { dmaUnmapIoctls: 1 }, cpuNs: ns, zeroNs: 0, zeroBytes: 0, pages };
  }

  /** QEMU touching every page of guest RAM before devices exist (prealloc=on). */
  prealloc(): PricedWork {
    const backing = this.s.guest.memoryBacking;
    const alloc = this.extents.apply(0, this.totalPages, 'page.alloc');
    const stacks = preallocStacks(backing);
    const faultNs = alloc.fault * (backing === 'anonymous-4k' ? this.s.host.faultNsPer4K : this.s.host.hugeFaultNs) * this.numaFactor;
    const zeroNs = alloc.zeroInline * zeroNsPerPage(this.s.host, this.pageBytes) * this.numaFactor;
    const work = [cpuWork(stacks.fault, faultNs), cpuWork(stacks.zero, zeroNs)].filter((w) => w.ns > 0);
    const sub = subpagesPerPage(backing);
    return {
      work,
      counts: { pagesZeroed: alloc.zeroInline * sub, zeroingsSkipped: alloc.skipZeroing * sub, pageFaults: alloc.fault },
      cpuNs: faultNs,
      zeroNs,
      zeroBytes: alloc.zeroInline * this.pageBytes,
      pages: { start: 0, end: this.totalPages },
    };
  }

  /**
   * The pre-zero worker's race with the first DMA map, which starts at `frontStartUs` and
   * would take `frontNs` over all guest pages at their current state. Marks the pages the
   * worker clears in time and returns when it caught up and how many pages it cleared.
   */
  raceWorker(frontStartUs: Micros, frontNs: number): { meetUs: Micros; pagesCleared: number } {
    const counts = this.extents.stateCounts(0, this.totalPages);
    const dirty = counts.dirtyFree ?? 0;
    const free = dirty + (counts.zeroedFree ?? 0);
    if (dirty === 0 || free === 0) return { meetUs: frontStartUs, pagesCleared: 0 };
    const rate = workerBytesPerNs(this.s.host, this.pageBytes);
    const r = race(this.totalPages, this.pageBytes, dirty / free, frontStartUs * 1_000, frontNs / this.totalPages, rate);
    const meetUs = Math.round(r.meetNs / 1_000);
    this.extents.apply(r.meetPage, this.totalPages, 'page.zero.start');
    const done = this.extents.apply(r.meetPage, this.totalPages, 'page.zero.done');
    // The worker works back from the far end: the last page at t=0, the meeting page last.
    this.record('page.zero.start', r.meetPage, this.totalPages, meetUs, 0);
    this.record('page.zero.done', r.meetPage, this.totalPages, meetUs, 0);
    return { meetUs, pagesCleared: done.workerZero };
  }

  /** What mapping all of guest RAM would cost right now, without changing anything. */
  dryRunNs(ranges: readonly Range[], ctx: MapContext): number {
    let ns = 0;
    const backing = this.s.guest.memoryBacking;
    for (const r of ranges) {
      const pages = this.pageRange(r);
      const c = this.extents.stateCounts(pages.start, pages.end);
      const free = (c.dirtyFree ?? 0) + (c.zeroedFree ?? 0) + (c.freed ?? 0);
      const price = priceMap({
        host: this.s.host,
        backing,
        style: pinStyle(this.s.host, this.s.optimizations),
        ctx,
        pages4K: pages4KIn(r.end - r.start),
        backingPages: pages.end - pages.start,
        runs: pages.end > pages.start ? countIn(this.runBreaks, pages.start, pages.end - 1) + 1 : 0,
        faults: free,
        zeroed: (c.dirtyFree ?? 0) + (c.freed ?? 0),
        numaFactor: this.numaFactor,
      });
      for (const w of price.work) ns += w.ns;
    }
    return ns;
  }

  record(event: PageEvent['type'], start: number, end: number, t0: Micros, t1: Micros): void {
    if (this.keepsOps && end > start) this.ops.push({ event, start, end, t0, t1 });
  }
}
