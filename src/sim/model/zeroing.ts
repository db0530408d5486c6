/** Zeroing cost: clear_page_erms and friends, bound by one thread's bandwidth. */
import type { HostParams } from '../scenario/host-profiles.ts';
import { PAGE_1G, PAGE_2M } from '../units.ts';

/** Nanoseconds for one thread to clear a page of `pageBytes` (1 GB/s = 1 byte/ns). */
export function zeroNsPerPage(host: HostParams, pageBytes: number): number {
  const gbps = pageBytes >= PAGE_1G ? host.zeroingGBps1G : pageBytes >= PAGE_2M ? host.zeroingGBps2M : host.zeroingGBps;
  return pageBytes / gbps;
}

/** Nanoseconds to clear `bytes` of kernel metadata (vmalloc'd with __GFP_ZERO, 4 KiB pages). */
export function zeroNsForBytes(host: HostParams, bytes: number): number {
  return bytes / host.zeroingGBps;
}

/**
 * Wall time of work split over `threads`: the CPU part divides, the zeroing part divides
 * too but cannot exceed the memory bandwidth ceiling.
 */
export function parallelNs(cpuNs: number, zeroNs: number, zeroBytes: number, threads: number, memoryBandwidthGBps: number): number {
  const t = Math.max(1, threads);
  const bandwidthFloorNs = zeroBytes / memoryBandwidthGBps;
  return cpuNs / t + Math.max(zeroNs / t, t > 1 ? bandwidthFloorNs : 0);
}
