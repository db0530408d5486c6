/** Byte and page units. Page counts in counters are always 4 KiB pages. */

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** The base page: counters, rmaps and dirty bitmaps count in these. */
export const PAGE_4K = 4 * KiB;
export const PAGE_2M = 2 * MiB;
export const PAGE_1G = 1 * GiB;

/** 4 KiB pages in one GiB. */
export const PAGES_PER_GIB = GiB / PAGE_4K;

/** Decimal gigabytes per second to bytes per nanosecond (1 GB/s = 1 byte/ns). */
export function gbpsToBytesPerNs(gbps: number): number {
  return gbps;
}
