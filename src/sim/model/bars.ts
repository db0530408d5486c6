/** DMA-mapping a GPU BAR (a VM_PFNMAP range), call-paths.md section 5.2. */
import type { HostParams } from '../scenario/host-profiles.ts';
import { MiB, PAGE_4K } from '../units.ts';

export function barMapNs(host: HostParams, barMiB: number): number {
  if (host.kernel.rawPfnBarMapping) return host.barRawPfnMapUs * 1_000;
  // Before the fix: vaddr_get_pfn once per 4 KiB, each a failed GUP, find_vma and follow_pte.
  return ((barMiB * MiB) / PAGE_4K) * host.barPfnNsPer4K;
}

/** (assumption) Unmapping a BAR: no pages to unpin, one IOMMU unmap and IOTLB flush. */
export const BAR_UNMAP_NS = 20_000;

/** (assumption) mmap of a BAR at realize: PTEs are filled lazily on first fault (5.8+, 5.4.y). */
export const BAR_MMAP_NS = 15_000;
