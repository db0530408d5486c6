/**
 * The pre-zero worker racing the pin front (the talk's limitation: "page allocation speed
 * remains the same when pages were not zeroed out in time").
 *
 * Model: the pool the guest draws from is its own pages in allocation order. The worker
 * (page reporting's delayed work) clears dirty free pages from the far end of that order,
 * since page reporting takes the largest free blocks, which the allocator reaches last.
 * It clears one batch at full single-thread speed, then sleeps delayMs; averaged, that is
 * a steady rate. The pin front moves from the near end. Where they meet, the rest is
 * already zeroed.
 */
import type { HostParams } from '../scenario/host-profiles.ts';
import { MiB } from '../units.ts';
import { zeroNsPerPage } from './zeroing.ts';

/** Average bytes per nanosecond the worker clears, sleeps included. */
export function workerBytesPerNs(host: HostParams, pageBytes: number): number {
  const batchBytes = host.prezeroWorker.batchMiB * MiB;
  const zeroNsPerByte = zeroNsPerPage(host, pageBytes) / pageBytes;
  const cycleNs = batchBytes * zeroNsPerByte + host.prezeroWorker.delayMs * 1e6;
  return batchBytes / cycleNs;
}

/** Share of the worker's time spent clearing (the rest it sleeps). */
export function workerDutyCycle(host: HostParams, pageBytes: number): number {
  const zeroNsPerByte = zeroNsPerPage(host, pageBytes) / pageBytes;
  return workerBytesPerNs(host, pageBytes) * zeroNsPerByte;
}

export interface Race {
  /** First page (in allocation order) the worker cleared before the pin front arrived. */
  readonly meetPage: number;
  /** When the pin front reaches meetPage, ns after the worker started. */
  readonly meetNs: number;
}

/**
 * pages [0, total) in allocation order; the pin front starts at page 0 at `frontStartNs`
 * (ns since the worker started) and spends `nsPerPage` per page; the worker clears from the
 * end at `bytesPerNs`, but only `dirtyShare` of the pages need it.
 */
export function race(total: number, pageBytes: number, dirtyShare: number, frontStartNs: number, nsPerPage: number, bytesPerNs: number): Race {
  if (total <= 0 || dirtyShare <= 0 || bytesPerNs <= 0) return { meetPage: total, meetNs: frontStartNs + total * nsPerPage };
  // Pages from the end the worker has covered by time t.
  const covered = (tNs: number) => (tNs * bytesPerNs) / (pageBytes * dirtyShare);
  // Smallest m with total - m <= covered(front time at m); the left side falls and the right rises with m.
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (total - mid <= covered(frontStartNs + mid * nsPerPage)) hi = mid;
    else lo = mid + 1;
  }
  return { meetPage: lo, meetNs: frontStartNs + lo * nsPerPage };
}
