/** The talk's three measures, from the Trace's markers. */
import type { Trace } from '../trace/types.ts';

export interface Measures {
  /** QEMU start -> first guest kernel log. */
  readonly vmCreationMs: number;
  /** QEMU start -> vCPUs start to run. */
  readonly vmInitializationMs: number;
  /** vCPUs start -> first guest kernel log. */
  readonly biosExecutionMs: number;
}

export const MEASURE_NAMES = ['vmCreationMs', 'vmInitializationMs', 'biosExecutionMs'] as const;

export const MEASURE_LABELS: Readonly<Record<keyof Measures, { label: string; definition: string }>> = {
  vmCreationMs: { label: 'VM creation time', definition: 'QEMU start → first guest kernel log' },
  vmInitializationMs: { label: 'VM initialization time', definition: 'QEMU start → vCPU start' },
  biosExecutionMs: { label: 'BIOS execution time', definition: 'vCPU start → first guest kernel log' },
};

export function measures(trace: Pick<Trace, 'markers'>): Measures {
  const m = trace.markers;
  return {
    vmCreationMs: (m.firstKernelLogUs - m.qemuStartUs) / 1_000,
    vmInitializationMs: (m.vcpuStartUs - m.qemuStartUs) / 1_000,
    biosExecutionMs: (m.firstKernelLogUs - m.vcpuStartUs) / 1_000,
  };
}
