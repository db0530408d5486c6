/** Shared helpers for simulation tests: build a scenario from a plain value and run it. */
import { validateScenarioValue } from '../../src/sim/scenario/parse.ts';
import type { Scenario } from '../../src/sim/scenario/resolve.ts';
import { run } from '../../src/sim/engine/run.ts';
import { measures } from '../../src/sim/analysis/measures.ts';
import type { Trace } from '../../src/sim/trace/types.ts';

export function scenario(value: unknown): Scenario {
  const r = validateScenarioValue(value);
  if (!r.ok) throw new Error(`test scenario rejected: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.scenario;
}

export function runValue(value: unknown): Trace {
  return run(scenario(value));
}

export function creationS(value: unknown): number {
  return measures(runValue(value)).vmCreationMs / 1_000;
}

/** Every fix of the talk on (THP is set separately). */
export const ALL_FIXES = {
  prezeroFreePages: true,
  bulkPinning: true,
  userspaceDmaMapTracking: true,
  splitIovaAt1MiB: true,
  skipRedundantReset: true,
  parallelResets: true,
  overlapResetWithDmaMap: true,
  skipMmioDirtyLog: true,
  countEffectiveRmap: true,
} as const;
