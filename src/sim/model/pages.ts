/** Page sizes and page-table shape of each memory backing (x86-64, 4-level paging). */
import type { MemoryBacking } from '../scenario/schema.ts';
import { GiB, PAGE_1G, PAGE_2M, PAGE_4K } from '../units.ts';

export function backingPageBytes(backing: MemoryBacking): number {
  switch (backing) {
    case 'anonymous-4k':
      return PAGE_4K;
    case 'thp':
    case 'hugetlb-2m':
      return PAGE_2M;
    case 'hugetlb-1g':
      return PAGE_1G;
  }
}

/** 4 KiB subpages per backing page: 1, 512 or 262,144. */
export function subpagesPerPage(backing: MemoryBacking): number {
  return backingPageBytes(backing) / PAGE_4K;
}

export const WALK_LEVEL_NAMES = ['PGD', 'PUD', 'PMD', 'PTE'] as const;
export type WalkLevel = (typeof WALK_LEVEL_NAMES)[number];

/**
 * Page-table entries read by one walk to the page: PGD, PUD, PMD, PTE for 4 KiB; the
 * walk stops at a huge PMD (2 MiB) or a huge PUD (1 GiB).
 */
export function walkLevels(backing: MemoryBacking): number {
  switch (backing) {
    case 'anonymous-4k':
      return 4;
    case 'thp':
    case 'hugetlb-2m':
      return 3;
    case 'hugetlb-1g':
      return 2;
  }
}

/** Guest RAM in backing pages, rounded up to a whole page. */
export function guestPages(ramGiB: number, backing: MemoryBacking): number {
  return Math.ceil((ramGiB * GiB) / backingPageBytes(backing) - 1e-9);
}

/**
 * Longest physically contiguous run the allocator hands out, in backing pages:
 * a MAX_ORDER block (4 MiB, order 10) for 4 KiB pages; for huge pages a run of
 * adjacent huge pages up to 1 GiB (one memory section's worth, an assumption).
 */
export function maxRunPages(backing: MemoryBacking): number {
  switch (backing) {
    case 'anonymous-4k':
      return 1024;
    case 'thp':
    case 'hugetlb-2m':
      return 512;
    case 'hugetlb-1g':
      return 1;
  }
}
