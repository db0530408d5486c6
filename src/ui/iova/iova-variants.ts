/**
 * Baseline versus user-space tracking versus the split at 0x100000, for the same scenario:
 * how much RAM each re-pins, how many unmap ioctls it sends, and the BIOS time it leaves.
 */
import type { Trace } from '../../sim/trace/types.ts';
import { gibOf4K } from './iova-frame.ts';
import { hasSwitches, type Switches, variantTrace } from './variant-runs.ts';

export interface IovaVariant {
  readonly id: 'baseline' | 'tracking' | 'split';
  readonly label: string;
  readonly switches: Switches;
  readonly repinnedGiB: number;
  readonly unmapIoctls: number;
  readonly mapIoctls: number;
  readonly biosUs: number;
  /** The scenario on screen has exactly these switches. */
  readonly current: boolean;
}

const VARIANTS: readonly { id: IovaVariant['id']; label: string; switches: Switches }[] = [
  { id: 'baseline', label: 'Baseline: unmap on every change', switches: { userspaceDmaMapTracking: false, splitIovaAt1MiB: false } },
  { id: 'tracking', label: 'User-space tracking', switches: { userspaceDmaMapTracking: true, splitIovaAt1MiB: false } },
  { id: 'split', label: 'Tracking + split at 0x100000', switches: { userspaceDmaMapTracking: true, splitIovaAt1MiB: true } },
];

export function iovaVariants(trace: Trace): IovaVariant[] {
  return VARIANTS.map((v) => {
    const t = variantTrace(trace, v.switches);
    return {
      ...v,
      repinnedGiB: gibOf4K(t.counters.pagesRepinned),
      unmapIoctls: t.counters.dmaUnmapIoctls,
      mapIoctls: t.counters.dmaMapIoctls,
      biosUs: t.markers.firstKernelLogUs - t.markers.vcpuStartUs,
      current: hasSwitches(trace.scenario, v.switches),
    };
  });
}
