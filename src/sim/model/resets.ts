/** PCI reset durations: sleeps in the kernel, not CPU time. */
import { RESET_OVERHEAD_MS, RESET_SLEEP_MS, type ResetMethod } from '../scenario/gpu-presets.ts';
import type { KernelSwitches } from '../scenario/host-profiles.ts';
import { msToMicrosRounded, type Micros } from '../time.ts';

export function resetSleepMs(method: ResetMethod, kernel: KernelSwitches): number {
  return kernel.fastPciResetDelay ? RESET_SLEEP_MS[method].fast : RESET_SLEEP_MS[method].legacy;
}

export function resetUs(method: ResetMethod, kernel: KernelSwitches): Micros {
  return msToMicrosRounded(resetSleepMs(method, kernel) + RESET_OVERHEAD_MS);
}
