/**
 * The two runs of a comparison. B is always the scenario being edited; A is chosen from a
 * few sources: the talk's baseline of B (every fix reverted), a pinned run, or B without
 * its GPUs (what the passthrough costs at all).
 */
import type { Scenario } from '../../sim/scenario/resolve.ts';
import type { MemoryBacking } from '../../sim/scenario/schema.ts';
import type { Trace } from '../../sim/trace/types.ts';
import { run } from '../../sim/engine/run.ts';
import { FIX_GROUPS, talkBaseline } from '../../sim/analysis/attribution.ts';

export type ASource = 'baseline' | 'pinned' | 'cpu';

export interface CompareRun {
  readonly name: string;
  /** One line under the name: page size, GPUs, how many fixes are on. */
  readonly detail: string;
  readonly scenario: Scenario;
  readonly trace: Trace;
}

export const A_SOURCE_LABELS: Readonly<Record<ASource, string>> = {
  baseline: 'Baseline (talk)',
  pinned: 'Pinned run',
  cpu: 'CPU VM',
};

const BACKING: Readonly<Record<MemoryBacking, string>> = {
  'anonymous-4k': '4 KiB pages',
  thp: 'THP',
  'hugetlb-2m': '2 MiB hugetlbfs',
  'hugetlb-1g': '1 GiB hugetlbfs',
};

const same = (a: Scenario, b: Scenario) => JSON.stringify(a) === JSON.stringify(b);

/** How many of the talk's fix groups differ from the talk's baseline of the same scenario. */
export function fixesOn(s: Scenario): number {
  const base = talkBaseline(s);
  return FIX_GROUPS.filter((g) => !same(g.apply(base, s), base)).length;
}

export function runDetail(s: Scenario): string {
  const n = fixesOn(s);
  const gpus = s.devices.count === 0 ? ['no GPUs'] : [];
  return [BACKING[s.guest.memoryBacking], ...gpus, n === 0 ? 'no fixes' : `${n} ${n === 1 ? 'fix' : 'fixes'} on`].join(' · ');
}

export function makeRun(name: string, scenario: Scenario, trace: Trace = run(scenario)): CompareRun {
  return { name, detail: runDetail(scenario), scenario, trace };
}

/** A as the talk's baseline of B: the same machine with every fix reverted. */
export function baselineOf(b: Scenario): CompareRun {
  return makeRun(A_SOURCE_LABELS.baseline, talkBaseline(b));
}

/** A as B without passthrough devices: nothing to pin, so RAM size barely matters. */
export function cpuVmOf(b: Scenario): CompareRun {
  return makeRun(A_SOURCE_LABELS.cpu, { ...b, devices: { ...b.devices, count: 0 } });
}
