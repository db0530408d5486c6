/**
 * The same scenario with the three reset schedules of the talk (serial on the main thread,
 * parallel on threads, overlapped with the DMA map), keeping its own redundant-reset
 * switch: how long VM initialization takes and how long the main thread waits on resets.
 */
import type { Trace } from '../../sim/trace/types.ts';
import { hasSwitches, type Switches, variantTrace } from '../iova/variant-runs.ts';
import { buildResetIndex, resetTotalsAt, type Schedule } from './reset-index.ts';

export interface ResetVariant {
  readonly id: Schedule;
  readonly label: string;
  readonly switches: Switches;
  readonly initUs: number;
  readonly waitedUs: number;
  readonly current: boolean;
}

const VARIANTS: readonly { id: Schedule; label: string; switches: Switches }[] = [
  { id: 'serial', label: 'Serial on the main thread', switches: { parallelResets: false, overlapResetWithDmaMap: false } },
  { id: 'parallel', label: 'Parallel on threads', switches: { parallelResets: true, overlapResetWithDmaMap: false } },
  { id: 'overlapped', label: 'Parallel, overlapped with the DMA map', switches: { parallelResets: true, overlapResetWithDmaMap: true } },
];

export function resetVariants(trace: Trace): ResetVariant[] {
  return VARIANTS.map((v) => {
    const t = variantTrace(trace, v.switches);
    return {
      ...v,
      initUs: t.markers.vcpuStartUs,
      waitedUs: resetTotalsAt(buildResetIndex(t), t.markers.vcpuStartUs).waitedUs,
      current: hasSwitches(trace.scenario, v.switches),
    };
  });
}
