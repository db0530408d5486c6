/**
 * The Resets view in one sentence (screen readers, and the view's caption), and the reset
 * method in words: which reset, how long, and what the 2023 kernel change did to it.
 */
import type { ResetMethod } from '../../sim/scenario/gpu-presets.ts';
import type { KernelSwitches } from '../../sim/scenario/host-profiles.ts';
import { resetUs } from '../../sim/model/resets.ts';
import { duration } from '../format.ts';
import type { ResetBar, ResetIndex, ResetTotals } from './reset-index.ts';

export const REASON_WORDS: Readonly<Record<ResetBar['reason'], string>> = {
  'device-open': 'reset #1 on device open',
  'system-reset': 'reset #2 in qemu_system_reset',
};

/** A wait in words; nothing waited reads "0 s", not "0 µs". */
export function waited(us: number): string {
  return us === 0 ? '0 s' : duration(us);
}

export function resetCaption(ix: ResetIndex, t: number, c: ResetTotals): string {
  const head = `At ${(t / 1e6).toFixed(1)} s`;
  const total = ix.done.length;
  const now = c.running.length === 0 ? undefined
    : c.running.length === 1 && c.running[0]
      ? `gpu${c.running[0].gpu} ${REASON_WORDS[c.running[0].reason]} is running, ${duration(t - c.running[0].startUs)} in`
      : `${c.running.length} resets are running at once (${c.running.map((r) => `gpu${r.gpu} #${r.reason === 'device-open' ? 1 : 2}`).join(', ')})`;
  const state = t >= ix.vcpuStartUs ? `All ${total} resets done, ${ix.scheduleWords}` : now;
  const skipped = ix.skipped.length > 0 ? `, ${c.skipped} of ${ix.skipped.length} skipped as redundant` : '';
  return `${head}: ${state ? `${state}; ` : ''}${c.done} of ${total} resets done${skipped}; the main thread has waited ${waited(c.waitedUs)} on resets.`;
}

export interface MethodWords {
  readonly name: string;
  readonly eachUs: number;
  /** How the same reset would take with the other kernel behaviour, when it differs. */
  readonly other: string | undefined;
}

export function methodWords(method: ResetMethod, kernel: KernelSwitches): MethodWords {
  const eachUs = resetUs(method, kernel);
  if (method === 'flr') return { name: 'function-level reset (FLR): msleep(100), then readiness polling', eachUs, other: undefined };
  const otherUs = resetUs(method, { ...kernel, fastPciResetDelay: !kernel.fastPciResetDelay });
  return kernel.fastPciResetDelay
    ? { name: 'secondary bus reset with the 2023 fast delay (about 100 ms plus polling)', eachUs, other: `${duration(otherUs)} with the fixed 1 s sleep before 2023` }
    : { name: 'secondary bus reset: msleep(2) + ssleep(1), the kernel before 2023', eachUs, other: `${duration(otherUs)} with the 2023 fast delay` };
}
