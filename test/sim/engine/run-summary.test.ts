/**
 * The lean run a sweep uses (runSummary) against a full run (run): the same markers,
 * counters, spans (times, phases, counts) and phase totals, so a sweep's rows are exactly
 * what the playground shows for the same scenario. Covered: every host profile, memory
 * backing and optimisation switch, the lessons' scenarios and random valid scenarios.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run, runSummary } from '../../../src/sim/engine/run.ts';
import { measures } from '../../../src/sim/analysis/measures.ts';
import { phaseTotalsUs } from '../../../src/sim/analysis/phases.ts';
import { planSweep, sweepRow } from '../../../src/sim/analysis/sweep.ts';
import { parseAxis } from '../../../src/sim/analysis/sweep-axis.ts';
import { parseScenarioText, validateScenarioValue } from '../../../src/sim/scenario/parse.ts';
import type { Scenario } from '../../../src/sim/scenario/resolve.ts';
import { HOST_PROFILE_NAMES } from '../../../src/sim/scenario/host-profiles.ts';
import { MEMORY_BACKINGS } from '../../../src/sim/scenario/schema.ts';
import { DEFAULT_OPTIMIZATIONS } from '../../../src/sim/scenario/resolve.ts';
import type { Span } from '../../../src/sim/trace/types.ts';
import { byPhase } from '../../../src/sim/trace/phases.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../../fuzz-settings.ts';
import { validScenario } from '../scenario-fuzz-arb.ts';
import { ALL_FIXES, scenario } from '../helpers.ts';

/** A span without what only the flame graph and critical path read. */
function skeleton(s: Span) {
  return { id: s.id, lane: s.lane, kind: s.kind, phase: s.phase, name: s.name, startUs: s.startUs, endUs: s.endUs, cause: s.cause, counts: s.counts, repeat: s.repeat };
}

function expectSameResults(s: Scenario): void {
  const full = run(s);
  const lean = runSummary(s);
  expect(lean.markers).toEqual(full.markers);
  expect(lean.counters).toEqual(full.counters);
  expect(lean.spans.map(skeleton)).toEqual(full.spans.map(skeleton));
  expect(measures(lean)).toEqual(measures(full));
  expect(phaseTotalsUs(lean)).toEqual(phaseTotalsUs(full));
}

const SWITCHES = Object.keys(DEFAULT_OPTIMIZATIONS).filter((k) => k !== 'pinThreads');

describe('a lean run (sweeps) against a full run', () => {
  it('agrees for every host profile, memory backing and optimisation switch, alone and all together', () => {
    let runs = 0;
    for (const profile of HOST_PROFILE_NAMES) {
      for (const backing of MEMORY_BACKINGS) {
        const sets: Record<string, unknown>[] = [{}, { ...ALL_FIXES, pinThreads: 4 }, ...SWITCHES.map((k) => ({ [k]: true }))];
        sets.forEach((optimizations, i) => {
          const r = validateScenarioValue({
            host: { profile, kernel: { hugetlbPrezero: i % 2 === 0 }, freePool: { prezeroedShare: (i % 3) / 2, fragmentation: 0.2 } },
            guest: { ramGiB: 24 + 8 * i, memoryBacking: backing, prealloc: { enabled: i % 4 === 1, threads: 1 + (i % 3) } },
            devices: { count: [4, 1, 2, 0][i % 4], sharedContainer: i % 5 === 2 },
            firmware: { kind: i % 2 === 0 ? 'seabios' : 'ovmf', bootMenu: i % 3 !== 0 },
            optimizations,
          });
          if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
          expectSameResults(r.scenario);
          runs++;
        });
      }
    }
    expect(runs).toBe(HOST_PROFILE_NAMES.length * MEMORY_BACKINGS.length * (SWITCHES.length + 2));
  }, FUZZ_TIMEOUT_MS);

  it('agrees for every lesson\'s starting scenario and solution', () => {
    const root = new URL('../../../lessons/', import.meta.url);
    const folders = readdirSync(root).filter((d) => /^\d/.test(d));
    expect(folders.length).toBeGreaterThan(0);
    for (const d of folders) {
      for (const f of ['params.jsonc', 'solution.jsonc']) {
        const r = parseScenarioText(readFileSync(new URL(`${d}/${f}`, root), 'utf8'));
        if (!r.ok) throw new Error(`${d}/${f}: ${r.problems.map((p) => p.message).join('; ')}`);
        expectSameResults(r.scenario);
      }
    }
  }, FUZZ_TIMEOUT_MS);

  it('agrees for random valid scenarios', () => {
    fc.assert(
      fc.property(validScenario, (value) => {
        const r = validateScenarioValue(value);
        if (r.ok) expectSameResults(r.scenario);
      }),
      fuzz(40),
    );
  }, FUZZ_TIMEOUT_MS);

  it('gives a sweep the rows a full run of each point gives', () => {
    const x = parseAxis('guest.ramGiB=1..64:7');
    const by = parseAxis('optimizations.parallelResets=false,true');
    if (!x.ok || !by.ok) throw new Error('axis');
    const planned = planSweep({ series: [{ name: 'fixes', scenario: { optimizations: ALL_FIXES, devices: { count: 3 } } }], x: x.axis, by: [by.axis], phases: true });
    if (!planned.ok) throw new Error(planned.problems.map((p) => p.message).join('; '));
    expect(planned.plan.points.length).toBe(20);
    for (const point of planned.plan.points) {
      const trace = run(point.scenario);
      const totals = phaseTotalsUs(trace);
      expect(sweepRow(point, true)).toEqual({
        series: point.series, seriesIndex: point.seriesIndex, x: point.x, xIndex: point.xIndex,
        ...measures(trace), phases: byPhase((p) => totals[p] / 1_000),
      });
    }
  });

  it('still keeps everything a full run keeps', () => {
    // The lean recorder must not leak into run(): a full run has its flame work, events,
    // page sweeps, IOVA history and machine timelines.
    const full = run(scenario({ devices: { count: 2 }, optimizations: { prezeroFreePages: true } }));
    const lean = runSummary(scenario({ devices: { count: 2 }, optimizations: { prezeroFreePages: true } }));
    expect(full.spans.some((s) => s.work.length > 0)).toBe(true);
    expect(full.events.length).toBeGreaterThan(0);
    expect(full.memory.ops.length).toBeGreaterThan(0);
    expect(full.machines.length).toBeGreaterThan(0);
    expect(full.iova.regions.every((r) => r.states.length > 0)).toBe(true);
    expect(lean.spans.every((s) => s.work.length === 0 && s.deps.length === 0)).toBe(true);
  });
});
