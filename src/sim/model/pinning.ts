/**
 * Pricing VFIO_IOMMU_MAP_DMA of guest RAM (the dominant cost of GPU VM creation) and its
 * unmap. The page machine says which pages fault, zero or skip zeroing; this says what
 * that costs and how many get_user_pages calls and page-table walks the pin style makes.
 */
import type { HostParams } from '../scenario/host-profiles.ts';
import type { MemoryBacking } from '../scenario/schema.ts';
import type { Optimizations } from '../scenario/resolve.ts';
import { PAGE_4K } from '../units.ts';
import { backingPageBytes, subpagesPerPage, walkLevels } from './pages.ts';
import { pinStacks, type MapContext, type PinStyle, unmapStack } from './stacks.ts';
import { cpuWork, type WorkNs } from './work.ts';
import { zeroNsPerPage } from './zeroing.ts';

/** vfio_batch capacity: PAGE_SIZE / sizeof(struct page *) = 512 (Linux 5.12). */
export const VFIO_BATCH_CAPACITY = 512;

export function pinStyle(host: HostParams, opts: Optimizations): PinStyle {
  if (opts.bulkPinning) return 'bulk';
  return host.kernel.batchPinning ? 'batch' : 'page-by-page';
}

export interface MapInput {
  readonly host: HostParams;
  readonly backing: MemoryBacking;
  readonly style: PinStyle;
  readonly ctx: MapContext;
  /** 4 KiB pages in the mapped range. */
  readonly pages4K: number;
  /** Backing pages the range touches. */
  readonly backingPages: number;
  /** Physically contiguous runs in the range (for bulk pinning). */
  readonly runs: number;
  /** Backing pages faulted in (from the page machine's `fault` action). */
  readonly faults: number;
  /** Backing pages zeroed inline (`zeroInline`). */
  readonly zeroed: number;
  /** Multiplier on fault and zeroing cost for NUMA placement. */
  readonly numaFactor: number;
}

export interface MapPrice {
  readonly work: readonly WorkNs[];
  readonly gupCalls: number;
  readonly walks: number;
  readonly pageTableReads: number;
  /** Nanoseconds of zeroing in `work` (bandwidth-bound when threads share it). */
  readonly zeroNs: number;
  readonly zeroBytes: number;
}

export function walksAndCalls(style: PinStyle, backing: MemoryBacking, pages4K: number, backingPages: number, runs: number) {
  switch (style) {
    case 'page-by-page':
      // vaddr_get_pfn asks for one page: one call and one full walk per 4 KiB, huge or not.
      return { gupCalls: pages4K, walks: pages4K };
    case 'batch':
      // One call per 512 pages; __get_user_pages walks once per huge page (page_mask).
      return {
        gupCalls: Math.ceil(pages4K / VFIO_BATCH_CAPACITY),
        walks: backing === 'anonymous-4k' ? pages4K : backingPages,
      };
    case 'bulk':
      // get_user_ct_pages: one call and one walk per physically contiguous run.
      return { gupCalls: runs, walks: runs };
  }
}

export function priceMap(m: MapInput): MapPrice {
  const stacks = pinStacks(m.ctx, m.style, m.backing);
  const pageBytes = backingPageBytes(m.backing);
  const { gupCalls, walks } = walksAndCalls(m.style, m.backing, m.pages4K, m.backingPages, m.runs);
  const pageTableReads = walks * walkLevels(m.backing);
  const faultNs = m.faults * (m.backing === 'anonymous-4k' ? m.host.faultNsPer4K : m.host.hugeFaultNs) * m.numaFactor;
  const zeroNs = m.zeroed * zeroNsPerPage(m.host, pageBytes) * m.numaFactor;
  const work: WorkNs[] = [
    cpuWork(stacks.gupCall, gupCalls * m.host.gupCallNs),
    cpuWork(stacks.walk, pageTableReads * m.host.pageTableReadNs),
    cpuWork(stacks.fault, faultNs),
    cpuWork(stacks.zero, zeroNs),
    cpuWork(stacks.pin, m.pages4K * m.host.pinNsPer4K),
  ].filter((w) => w.ns > 0);
  return { work, gupCalls, walks, pageTableReads, zeroNs, zeroBytes: m.zeroed * pageBytes };
}

export function priceUnmap(host: HostParams, ctx: MapContext, pages4K: number): readonly WorkNs[] {
  return pages4K > 0 ? [cpuWork(unmapStack(ctx), pages4K * host.unpinNsPer4K)] : [];
}

/** 4 KiB pages in a byte range. */
export function pages4KIn(bytes: number): number {
  return Math.ceil(bytes / PAGE_4K);
}

export { subpagesPerPage };
