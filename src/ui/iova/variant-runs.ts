/**
 * The same scenario run with other optimization switches, for "baseline versus fix" tables.
 * Runs are memoized on the scenario object (a new run brings a new one), so a view asks
 * as often as it likes and the simulation runs once per scenario and variant, never per frame.
 */
import { run } from '../../sim/engine/run.ts';
import type { Optimizations, Scenario } from '../../sim/scenario/resolve.ts';
import type { Trace } from '../../sim/trace/types.ts';

const SWITCHES = ['userspaceDmaMapTracking', 'splitIovaAt1MiB', 'parallelResets', 'overlapResetWithDmaMap'] as const;
export type Switches = Partial<Pick<Optimizations, (typeof SWITCHES)[number]>>;

const cache = new WeakMap<Scenario, Map<string, Trace>>();

/** Whether the scenario already has these switches (then its own run is the variant). */
export function hasSwitches(s: Scenario, sw: Switches): boolean {
  return SWITCHES.every((k) => sw[k] === undefined || s.optimizations[k] === sw[k]);
}

export function variantTrace(trace: Trace, sw: Switches): Trace {
  const s = trace.scenario;
  if (hasSwitches(s, sw)) return trace;
  let runs = cache.get(s);
  if (!runs) {
    runs = new Map();
    cache.set(s, runs);
  }
  const key = SWITCHES.map((k) => `${k}=${String(sw[k])}`).join(',');
  const hit = runs.get(key);
  if (hit) return hit;
  const t = run({ ...s, optimizations: { ...s.optimizations, ...sw } });
  runs.set(key, t);
  return t;
}
