/**
 * Advice on a valid scenario: settings that have no effect or that the model adjusts.
 * Warnings never block a run.
 */
import type { ScenarioInput } from './schema.ts';
import type { Scenario } from './resolve.ts';
import type { ScenarioPath } from './problems.ts';
import { backingPageBytes } from '../model/pages.ts';
import { GiB } from '../units.ts';

export interface Advice {
  readonly message: string;
  readonly path: ScenarioPath;
}

/** QEMU's MAX_MEM_PREALLOC_THREAD_COUNT (util/oslib-posix.c). */
export const MAX_PREALLOC_THREADS = 16;

export function scenarioAdvice(input: ScenarioInput, s: Scenario): Advice[] {
  const out: Advice[] = [];
  const o = s.optimizations;

  if (input.host?.freePool?.prezeroedShare !== undefined && !o.prezeroFreePages) {
    out.push({
      path: ['host', 'freePool', 'prezeroedShare'],
      message:
        'prezeroedShare has no effect while optimizations.prezeroFreePages is off: no free page carries PG_zero.',
    });
  }
  if (o.prezeroFreePages && s.guest.memoryBacking.startsWith('hugetlb') && !s.host.kernel.hugetlbPrezero) {
    out.push({
      path: ['guest', 'memoryBacking'],
      message:
        'hugetlbfs pages come from their own pool, which this kernel does not pre-zero (host.kernel.hugetlbPrezero is off): pre-zeroing will not help.',
    });
  }
  if (input.firmware?.bootMenuWaitMs !== undefined && !s.firmware.bootMenu) {
    out.push({ path: ['firmware', 'bootMenuWaitMs'], message: 'bootMenuWaitMs has no effect while firmware.bootMenu is false.' });
  }
  if (s.devices.count === 0) {
    const deviceFixes = ['bulkPinning', 'userspaceDmaMapTracking', 'splitIovaAt1MiB', 'skipRedundantReset',
      'parallelResets', 'overlapResetWithDmaMap', 'skipMmioDirtyLog'] as const;
    for (const key of deviceFixes) {
      if (input.optimizations?.[key] === true) {
        out.push({ path: ['optimizations', key], message: `${key} has no effect on a CPU VM: devices.count is 0, so nothing is pinned or reset.` });
      }
    }
  }
  if (o.splitIovaAt1MiB && !o.userspaceDmaMapTracking && s.devices.count > 0) {
    out.push({
      path: ['optimizations', 'splitIovaAt1MiB'],
      message:
        'splitIovaAt1MiB alone saves nothing: without userspaceDmaMapTracking QEMU still unmaps and re-maps the part above 1 MiB on every PAM write.',
    });
  }
  if (s.guest.prealloc.enabled && s.guest.prealloc.threads > MAX_PREALLOC_THREADS) {
    out.push({
      path: ['guest', 'prealloc', 'threads'],
      message: `QEMU caps preallocation at ${MAX_PREALLOC_THREADS} threads; ${s.guest.prealloc.threads} runs as ${MAX_PREALLOC_THREADS}.`,
    });
  }
  if (o.pinThreads > s.host.hostCpus) {
    out.push({ path: ['optimizations', 'pinThreads'], message: `pinThreads is capped at the host's ${s.host.hostCpus} CPUs.` });
  }
  const pageBytes = backingPageBytes(s.guest.memoryBacking);
  const ramBytes = s.guest.ramGiB * GiB;
  if (Math.abs(ramBytes / pageBytes - Math.round(ramBytes / pageBytes)) > 1e-9) {
    out.push({
      path: ['guest', 'ramGiB'],
      message: `guest.ramGiB is not a whole number of ${s.guest.memoryBacking} pages; it is rounded up to the next page.`,
    });
  }
  return out;
}
