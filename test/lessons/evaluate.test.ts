/**
 * Goal evaluation: values, targets and the words a learner reads. Runs are real (small guests,
 * fast); exact figures come from traces whose markers or counters are set by the test.
 */
import { describe, expect, it } from 'vitest';
import { evaluateGoals, needsStartRun } from '../../src/lessons/evaluate.ts';
import { formatMs } from '../../src/lessons/format.ts';
import type { Goal } from '../../src/lessons/types.ts';
import type { Counters, Trace } from '../../src/sim/trace/types.ts';
import { runValue } from '../sim/helpers.ts';

const small = runValue({ guest: { ramGiB: 1 }, devices: { count: 2 } });

/** The small run with the three markers moved so the measures are exact. */
function withMeasures(creationMs: number, initMs: number): Trace {
  return { ...small, markers: { qemuStartUs: 0, vcpuStartUs: initMs * 1_000, firstKernelLogUs: creationMs * 1_000 } };
}

function withCounters(c: Partial<Counters>): Trace {
  return { ...small, counters: { ...small.counters, ...c } };
}

const goal = (g: Partial<Goal> & Pick<Goal, 'quantity' | 'threshold'>): Goal => ({ id: 'g', label: 'a goal', ...g });
const one = (g: Goal, trace: Trace, start?: Trace) => {
  const [r] = evaluateGoals({ goals: [g] }, trace, start);
  if (!r) throw new Error('no result');
  return r;
};

describe('goal evaluation', () => {
  it('says how far a failing time goal is, rounded away from passing', () => {
    const g = goal({ quantity: { kind: 'measure', measure: 'vmCreationMs' }, threshold: { kind: 'max', value: 55_000 } });
    const r = one(g, withMeasures(73_100, 60_000));
    expect(r).toMatchObject({ passing: false, value: 73_100, target: 55_000, valueText: '73.1 s', targetText: 'at most 55.0 s', distanceText: '18.1 s to go' });
    expect(one(g, withMeasures(55_020, 1)).distanceText).toBe('20 ms to go');
    expect(one(g, withMeasures(55_000.4, 1)).distanceText).toBe('400 µs to go');
    expect(one(g, withMeasures(53_060, 1))).toMatchObject({ passing: true, distanceText: '1.9 s to spare' });
    expect(one(g, withMeasures(55_000, 1))).toMatchObject({ passing: true, distanceText: 'exactly on target' });
  });

  it('counts counters in their own words, with a target per device', () => {
    const g = goal({ quantity: { kind: 'counter', counter: 'pciResets' }, threshold: { kind: 'max', value: 1, per: 'devices.count' } });
    const r = one(g, small);
    expect(small.counters.pciResets).toBe(4);
    expect(r).toMatchObject({ passing: false, target: 2, valueText: '4 resets', targetText: 'at most 2 resets (1 per devices.count)', distanceText: '2 resets too many' });
    expect(one(g, withCounters({ pciResets: 1 })).distanceText).toBe('1 reset to spare');
    const atLeast = goal({ quantity: { kind: 'counter', counter: 'zeroingsSkipped' }, threshold: { kind: 'min', value: 1_000_000 } });
    expect(one(atLeast, withCounters({ zeroingsSkipped: 250_000 })).distanceText).toBe('750,000 more skipped zeroings needed');
  });

  it('reads shares as percentages of a sum of counters', () => {
    const g = goal({ quantity: { kind: 'share', counter: 'zeroingsSkipped', of: ['zeroingsSkipped', 'pagesZeroed'] }, threshold: { kind: 'min', value: 50 } });
    expect(one(g, withCounters({ zeroingsSkipped: 60, pagesZeroed: 40 }))).toMatchObject({
      passing: true, value: 60, valueText: '60.0%', targetText: 'at least 50.0%', distanceText: '10.0 percentage points to spare',
    });
    expect(one(g, withCounters({ zeroingsSkipped: 22, pagesZeroed: 78 })).distanceText).toBe('28.0 percentage points to go');
    expect(one(g, withCounters({ zeroingsSkipped: 0, pagesZeroed: 0 })).value).toBe(0);
  });

  it('reads scenario fields with their unit', () => {
    const g = goal({ quantity: { kind: 'field', path: 'guest.ramGiB' }, threshold: { kind: 'min', value: 96 } });
    expect(one(g, small)).toMatchObject({ passing: false, valueText: '1 GiB', targetText: 'at least 96 GiB', distanceText: '95 GiB to go' });
  });

  it('compares relative goals with the starting run', () => {
    const start = withMeasures(112_600, 103_000);
    const bios = goal({ quantity: { kind: 'measure', measure: 'biosExecutionMs' }, threshold: { kind: 'reduceBy', value: 5_000 } });
    // Start: BIOS 9.6 s; the target is 4.6 s.
    const r = one(bios, withMeasures(110_000, 103_000), start);
    expect(r).toMatchObject({ passing: false, distanceText: '2.4 s to go' });
    expect(r.target).toBeCloseTo(4_600, 6);
    expect(r.targetText).toBe('at most 4.6 s (5.0 s less than the start, 9.6 s)');
    const cut = goal({ quantity: { kind: 'measure', measure: 'vmCreationMs' }, threshold: { kind: 'reduceByPercent', value: 90 } });
    expect(one(cut, withMeasures(11_260, 1), start)).toMatchObject({ passing: true, distanceText: 'exactly on target' });
    expect(one(cut, withMeasures(20_000, 1), start)).toMatchObject({ passing: false, distanceText: '8.8 s to go' });
    expect(one(cut, start, start)).toMatchObject({ passing: false });
  });

  it('needs the starting run only for relative goals, and says so loudly when it is missing', () => {
    const rel = goal({ quantity: { kind: 'measure', measure: 'vmCreationMs' }, threshold: { kind: 'reduceBy', value: 1 } });
    const abs = goal({ quantity: { kind: 'phase', phase: 'dma-map' }, threshold: { kind: 'max', value: 1 } });
    expect(needsStartRun({ goals: [abs] })).toBe(false);
    expect(needsStartRun({ goals: [abs, rel] })).toBe(true);
    expect(() => evaluateGoals({ goals: [rel] }, small)).toThrow(/start trace/);
  });

  it('reads phase wall time and critical-path time in ms', () => {
    const wall = one(goal({ quantity: { kind: 'phase', phase: 'pci-reset' }, threshold: { kind: 'max', value: 100 } }), small);
    const crit = one(goal({ quantity: { kind: 'critical', phase: 'pci-reset' }, threshold: { kind: 'max', value: 100 } }), small);
    // Two serial bus resets of about 1 s each, both on the critical path.
    expect(wall.value).toBeGreaterThan(2_000);
    expect(crit.value).toBeCloseTo(wall.value, 6);
  });
});

describe('time formatting', () => {
  it('uses seconds with one decimal from 1 s, ms below, µs under a millisecond', () => {
    expect(formatMs(112_608)).toBe('112.6 s');
    expect(formatMs(982.4)).toBe('982 ms');
    expect(formatMs(4.04)).toBe('4.0 ms');
    expect(formatMs(0.045)).toBe('45 µs');
    expect(formatMs(999.6, 'up')).toBe('1.0 s');
    expect(formatMs(-2_500)).toBe('−2.5 s');
  });
});

describe('rounding of large counts', () => {
  it('keeps every page when rounding up or down', () => {
    const g = goal({ quantity: { kind: 'counter', counter: 'pagesRepinned' }, threshold: { kind: 'max', value: 0 } });
    expect(one(g, withCounters({ pagesRepinned: 10_220_672 })).distanceText).toBe('10,220,672 re-pinned pages too many');
  });
});
