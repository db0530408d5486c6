/** What the embed's scenario chip says about the run on screen. */
import type { Scenario } from '../../sim/scenario/resolve.ts';

/** "256 GiB · 4 × Tesla P40". */
export function hardwareSummary(s: Scenario): string {
  const gpus = s.devices.count === 0 ? 'no GPUs' : `${s.devices.count} × ${s.devices.label}`;
  return `${s.guest.ramGiB} GiB · ${gpus}`;
}
