/**
 * The busy host's outcome in words: whether the pre-zero worker kept up, why not, and
 * what it cost. Every number carries its unit; the reasons name the inputs to change.
 */
import type { BusyHostResult } from '../../sim/analysis/busy-host.ts';

const s1 = (ms: number) => `${(ms / 1_000).toFixed(1)} s`;
const gbps = (v: number) => `${v < 0.1 ? v.toFixed(3) : v.toFixed(2)} GB/s`;
const pct = (r: number) => `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%`;

export interface Verdict {
  readonly keptUp: boolean;
  /** The answer in a few words ("Kept up", "Fell behind from VM 2 on"). */
  readonly title: string;
  /** Why, in a sentence. */
  readonly headline: string;
  readonly detail: readonly string[];
}

export function verdict(r: BusyHostResult, vmRamGiB: number, intervalS: number): Verdict {
  const s = r.summary;
  const placed = r.vms.flatMap((v) => (v.placed ? [v] : []));
  const detail: string[] = [];
  if (s.vmsRejected > 0) detail.push(`${s.vmsRejected} of ${r.vms.length} VMs did not fit in the free memory and were turned away.`);
  if (!s.workerPresent) {
    return {
      keptUp: false,
      title: 'No pre-zero worker',
      headline: 'No VM finds pre-zeroed pages: every creation zeroes all of its memory inline.',
      detail: [...detail, 'Turn on optimizations.prezeroFreePages (and, on hugetlbfs, host.kernel.hugetlbPrezero) to have one.'],
    };
  }
  const rezero = s.rezeroOneVmS === undefined ? '' : `, and re-zeroes one VM's ${vmRamGiB} GiB in ${s.rezeroOneVmS.toFixed(0)} s`;
  const rates = `VMs free ${gbps(s.demandGBps)} of memory (${vmRamGiB} GiB every ${intervalS} s); the worker clears at most ${gbps(s.capacityGBps)}${rezero}.`;
  if (s.keptUp) {
    return { keptUp: true, title: 'Kept up', headline: `All ${placed.length} VMs found all of their memory pre-zeroed, and each was created in ${s1(s.creationMs.max)}.`, detail: [...detail, rates] };
  }
  const behind = placed.filter((v) => v.prezeroedShare < 1);
  const lowest = Math.min(...behind.map((v) => v.prezeroedShare));
  const first = behind[0];
  const title = first ? `Fell behind from VM ${first.index + 1} on` : 'No VM was placed';
  const headline = first
    ? `${behind.length} of ${placed.length} VMs found only part of their memory pre-zeroed (as little as ${pct(lowest)}), so their creation took up to ${s1(s.creationMs.max)} against ${s1(s.creationMs.min)} for the fastest.`
    : 'Not one VM fitted in the free memory.';
  return {
    keptUp: false,
    title,
    headline,
    detail: [...detail, rates, 'A bigger batch or a shorter delay keeps up, at the CPU and bandwidth cost below; so do fewer or smaller VMs.'],
  };
}

export interface TradeOff {
  readonly cpu: string;
  readonly bandwidth: string;
  readonly zeroed: string;
}

/** What reviewers asked of the RFC: the worker's CPU time and the memory bandwidth it takes. */
export function tradeOff(r: BusyHostResult): TradeOff {
  const s = r.summary;
  const hostGBps = s.workerPeakShareOfHostBandwidth > 0 ? s.workerPeakGBps / s.workerPeakShareOfHostBandwidth : 0;
  if (!s.workerPresent) return { cpu: 'No worker: no CPU spent ahead of time.', bandwidth: 'No background bandwidth taken.', zeroed: 'Nothing zeroed ahead of time.' };
  return {
    cpu: `${s.workerCpuSPerHour.toFixed(1)} CPU seconds per hour (${(s.workerCpuUs / 1e6).toFixed(1)} s over the run); while working it is busy ${pct(s.workerDutyCycle)} of the time, asleep the rest.`,
    bandwidth: `${gbps(s.workerAvgGBps)} on average; while it clears, one thread at ${gbps(s.workerPeakGBps)}, ${pct(s.workerPeakShareOfHostBandwidth)} of the host's ${hostGBps.toFixed(0)} GB/s.`,
    zeroed: `${s.workerZeroedGiB.toFixed(1)} GiB cleared over ${(s.horizonUs / 3.6e9).toFixed(2)} h.`,
  };
}
