import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_SWEEP_POINTS, parseAxis, setPath, sweepableFields, type Axis } from '../../../src/sim/analysis/sweep-axis.ts';
import { planSweep, runSweep, sweep, sweepChunks, type SweepSpec } from '../../../src/sim/analysis/sweep.ts';
import { ladderSeries, TALK_ALL_FIXES, TALK_BASELINE, talkLadderSpec, talkRamSpec } from '../../../src/sim/analysis/sweep-figures.ts';
import { FIX_GROUPS } from '../../../src/sim/analysis/attribution.ts';
import { measures } from '../../../src/sim/analysis/measures.ts';
import { phaseTotalsUs } from '../../../src/sim/analysis/phases.ts';
import { validateScenarioValue } from '../../../src/sim/scenario/parse.ts';
import { MEMORY_BACKINGS } from '../../../src/sim/scenario/schema.ts';
import { PHASES } from '../../../src/sim/trace/phases.ts';
import { runValue } from '../helpers.ts';

function axis(spec: string): Axis {
  const r = parseAxis(spec);
  if (!r.ok) throw new Error(r.problem.message);
  return r.axis;
}

function problem(spec: string): string {
  const r = parseAxis(spec);
  if (r.ok) throw new Error(`${spec} was accepted`);
  return r.problem.message;
}

describe('sweep axes', () => {
  it('read ranges with a step (default 1) and lists, typed by the field', () => {
    expect(axis('guest.ramGiB=16..64:16').values).toEqual([16, 32, 48, 64]);
    expect(axis('devices.count=1..4').values).toEqual([1, 2, 3, 4]);
    expect(axis('guest.ramGiB=8..20:5').values).toEqual([8, 13, 18]);
    expect(axis('host.freePool.prezeroedShare=0..1:0.1').values).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(axis('guest.memoryBacking=anonymous-4k,thp').values).toEqual(['anonymous-4k', 'thp']);
    expect(axis('optimizations.bulkPinning=false,true').values).toEqual([false, true]);
    expect(axis('firmware.grubTimeoutS=5,0').values).toEqual([5, 0]);
    expect(axis('guest.ramGiB=48')).toMatchObject({ field: 'guest.ramGiB', path: ['guest', 'ramGiB'], kind: 'number', values: [48] });
  });

  it('know every leaf field of the scenario, and no text or list field', () => {
    const fields = sweepableFields().map((f) => f.field);
    for (const f of ['guest.ramGiB', 'devices.count', 'guest.memoryBacking', 'host.freePool.prezeroedShare', 'optimizations.pinThreads',
      'firmware.grubTimeoutS', 'host.prezeroWorker.batchMiB', 'host.kernel.batchPinning', 'seed']) expect(fields).toContain(f);
    for (const f of ['name', '$schema', 'devices.barMiB', 'guest', 'host.freePool']) expect(fields).not.toContain(f);
  });

  it('say clearly what is wrong', () => {
    expect(problem('guest.ramGB=1..4')).toMatch(/Unknown sweep field "guest.ramGB". Did you mean "guest.ramGiB"\?/);
    expect(problem('ramGiB=1..4')).toMatch(/Did you mean "guest.ramGiB"\?/);
    expect(problem('guest.ramGiB')).toMatch(/FIELD=FROM..TO/);
    expect(problem('guest.ramGiB=')).toMatch(/needs values/);
    expect(problem('guest.ramGiB=8..x')).toMatch(/write the range as FROM..TO/);
    expect(problem('guest.ramGiB=64..8')).toMatch(/ends \(8\) before it starts \(64\)/);
    expect(problem('guest.ramGiB=8..64:0')).toMatch(/step must be above 0/);
    expect(problem('guest.ramGiB=8..64:-8')).toMatch(/step must be above 0/);
    expect(problem('guest.ramGiB=8,big')).toMatch(/takes numbers; "big" is not one/);
    expect(problem('guest.memoryBacking=1..3')).toMatch(/takes a list rather than a range/);
    expect(problem('optimizations.bulkPinning=yes')).toMatch(/true or false/);
    expect(problem(`guest.ramGiB=1..${MAX_SWEEP_POINTS + 1}`)).toMatch(/2,001 values, more than a sweep runs \(2,000\)/);
    // Counted before they are built: a typo asking for billions is caught at once.
    expect(problem('guest.ramGiB=0..16384:0.000001')).toMatch(/more than a sweep runs/);
  });

  it('set a field without touching the rest of the scenario', () => {
    const base = { guest: { vcpus: 4 }, devices: { count: 2 } };
    expect(setPath(base, ['guest', 'ramGiB'], 8)).toEqual({ guest: { vcpus: 4, ramGiB: 8 }, devices: { count: 2 } });
    expect(base).toEqual({ guest: { vcpus: 4 }, devices: { count: 2 } });
    expect(setPath({}, ['host', 'freePool', 'prezeroedShare'], 0.5)).toEqual({ host: { freePool: { prezeroedShare: 0.5 } } });
  });
});

describe('sweep plans', () => {
  it('reject a bad point with the message the editor gives for that scenario', () => {
    const spec: SweepSpec = { series: [{ name: 'base', scenario: {} }], x: axis('guest.ramGiB=8192..20480:4096') };
    const p = planSweep(spec);
    expect(p.ok).toBe(false);
    const editor = validateScenarioValue({ guest: { ramGiB: 20480 } });
    if (p.ok || editor.ok) throw new Error('expected problems');
    expect(p.problems[0]).toEqual({ message: editor.problems[0]?.message, field: 'guest.ramGiB', series: 'base', x: 20480 });
    expect(p.problems.at(-1)?.message).toBe('1 of 4 sweep points are not valid scenarios.');
    const enumPoint = planSweep({ series: [{ name: 'base', scenario: {} }], x: axis('guest.memoryBacking=thp,hugetlb2m') });
    expect(enumPoint.ok ? [] : enumPoint.problems.map((x) => x.message)).toContainEqual(expect.stringMatching(/Did you mean "hugetlb-2m"\?/));
    const whole = planSweep({ series: [{ name: 'base', scenario: {} }], x: axis('devices.count=1..2:0.5') });
    expect(whole.ok ? [] : whole.problems.map((x) => x.message)).toContainEqual('devices.count must be a whole number; 1.5 has a fraction.');
  });

  it('reject too many runs, a field swept twice and two series with one name', () => {
    const many = planSweep({ series: [{ name: 'a', scenario: {} }], x: axis('guest.ramGiB=1..1000'), by: [axis('devices.count=1,2,4')] });
    expect(many.ok ? '' : many.problems[0]?.message).toMatch(/3,000 runs \(3 series × 1000 points\), more than 2,000/);
    const twice = planSweep({ series: [{ name: 'a', scenario: {} }], x: axis('guest.ramGiB=1,2'), by: [axis('guest.ramGiB=3')] });
    expect(twice.ok ? '' : twice.problems[0]?.message).toMatch(/guest.ramGiB is swept twice/);
    const names = planSweep({ series: [{ name: 'a', scenario: {} }, { name: 'a', scenario: {} }], x: axis('guest.ramGiB=1') });
    expect(names.ok ? '' : names.problems[0]?.message).toMatch(/Two series are named "a"/);
    expect(planSweep({ series: [], x: axis('guest.ramGiB=1') }).ok).toBe(false);
  });

  it('cross the series with more axes and name each combination', () => {
    const p = planSweep({ series: [{ name: 'base', scenario: {} }], x: axis('guest.ramGiB=8,16'), by: [axis('devices.count=1,4')] });
    if (!p.ok) throw new Error(p.problems[0]?.message);
    expect(p.plan.series).toEqual(['devices.count=1', 'devices.count=4']);
    expect(p.plan.points.map((x) => [x.series, x.x, x.scenario.devices.count, x.scenario.guest.ramGiB])).toEqual([
      ['devices.count=1', 8, 1, 8], ['devices.count=1', 16, 1, 16], ['devices.count=4', 8, 4, 8], ['devices.count=4', 16, 4, 16],
    ]);
    const two = planSweep({ series: [{ name: 'A', scenario: {} }, { name: 'B', scenario: { guest: { memoryBacking: 'thp' } } }], x: axis('guest.ramGiB=8'), by: [axis('devices.count=1')] });
    expect(two.ok ? two.plan.series : []).toEqual(['A, devices.count=1', 'B, devices.count=1']);
  });

  it('collect the scenarios\' advice once per message', () => {
    const p = planSweep({ series: [{ name: 'base', scenario: {} }], x: axis('host.freePool.prezeroedShare=0..1:0.25') });
    expect(p.ok ? p.plan.warnings.map((w) => w.message) : []).toEqual([expect.stringMatching(/prezeroedShare has no effect/)]);
  });
});

describe('running a sweep', () => {
  it('gives each point the measures of its own run, and phase totals when asked', () => {
    const r = sweep({ series: [{ name: 'base', scenario: { devices: { count: 1 } } }], x: axis('guest.memoryBacking=anonymous-4k,thp,hugetlb-1g'), phases: true });
    if (!r.ok) throw new Error(r.problems[0]?.message);
    expect(r.rows.map((x) => x.x)).toEqual(['anonymous-4k', 'thp', 'hugetlb-1g']);
    for (const row of r.rows) {
      const t = runValue({ devices: { count: 1 }, guest: { memoryBacking: row.x } });
      const m = measures(t);
      expect(row).toMatchObject({ vmCreationMs: m.vmCreationMs, vmInitializationMs: m.vmInitializationMs, biosExecutionMs: m.biosExecutionMs });
      const totals = phaseTotalsUs(t);
      expect(Object.keys(row.phases ?? {})).toEqual([...PHASES]);
      for (const ph of PHASES) expect(row.phases?.[ph]).toBe(totals[ph] / 1_000);
    }
    const plain = sweep({ series: [{ name: 'base', scenario: {} }], x: axis('guest.ramGiB=1') });
    expect(plain.ok && plain.rows[0]?.phases).toBe(undefined);
  });

  it('runs in chunks that report progress, and stops when the caller stops', () => {
    const p = planSweep({ series: [{ name: 'base', scenario: { devices: { count: 1 } } }], x: axis('guest.ramGiB=1..7') });
    if (!p.ok) throw new Error(p.problems[0]?.message);
    const chunks = [...sweepChunks(p.plan, 3)];
    expect(chunks.map((c) => [c.done, c.total, c.rows.length])).toEqual([[3, 7, 3], [6, 7, 3], [7, 7, 1]]);
    expect(chunks.flatMap((c) => c.rows)).toEqual(runSweep(p.plan));
    const gen = sweepChunks(p.plan, 2);
    expect(gen.next().value).toMatchObject({ done: 2 });
    expect(gen.return(undefined).done).toBe(true);
    expect(gen.next().done).toBe(true);
  });

  // Many runs: generous on a busy two-core machine.
  it('law: more RAM never makes creation faster, whatever else the scenario holds', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1024 }), { minLength: 2, maxLength: 5 }),
        fc.constantFrom(...MEMORY_BACKINGS), fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }),
        (ram, backing, count, prezero, bulk, share) => {
          const sorted = [...ram].sort((a, b) => a - b);
          const base = { guest: { memoryBacking: backing }, devices: { count }, optimizations: { prezeroFreePages: prezero, bulkPinning: bulk }, host: { freePool: { prezeroedShare: share } } };
          const r = sweep({ series: [{ name: 'base', scenario: base }], x: { ...axis('guest.ramGiB=1'), values: sorted } });
          if (!r.ok) throw new Error(r.problems[0]?.message);
          for (let i = 1; i < r.rows.length; i++) expect(r.rows[i]?.vmCreationMs).toBeGreaterThanOrEqual(r.rows[i - 1]?.vmCreationMs ?? Infinity);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('the talk\'s figures', () => {
  // Many runs: generous on a busy two-core machine.
  it('creation time grows with RAM, more with 4 GPUs than with 1, and the fixes flatten it', { timeout: 30_000 }, () => {
    const one = sweep(talkRamSpec(1));
    const four = sweep(talkRamSpec(4));
    if (!one.ok || !four.ok) throw new Error('talk figure rejected');
    const series = (rows: typeof one.rows, name: string) => rows.filter((r) => r.series === name).map((r) => r.vmCreationMs);
    for (const rows of [one.rows, four.rows]) {
      const base = series(rows, 'baseline');
      const fixed = series(rows, 'all optimizations');
      for (let i = 1; i < base.length; i++) expect(base[i]).toBeGreaterThan(base[i - 1] ?? Infinity);
      // Calibration target #5: more than 90% cut at the talk's 256 GiB.
      expect((fixed.at(-1) ?? 0) / (base.at(-1) ?? 1)).toBeLessThan(0.1);
      expect((fixed.at(-1) ?? 0) - (fixed[0] ?? 0)).toBeLessThan(1_000);
    }
    const b1 = series(one.rows, 'baseline');
    const b4 = series(four.rows, 'baseline');
    b1.forEach((ms, i) => expect(b4[i]).toBeGreaterThan(ms));
  });

  it('adds the fixes one group at a time in the talk\'s order, each one faster, ending at every fix', () => {
    const spec = talkLadderSpec(48);
    const r = sweep(spec);
    if (!r.ok) throw new Error(r.problems[0]?.message);
    const labels = FIX_GROUPS.map((g) => `+ ${g.label}`);
    expect(r.plan.series[0]).toBe('baseline');
    const steps = r.plan.series.slice(1);
    expect(steps).toEqual(labels.filter((l) => steps.includes(l)));
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const ms = r.rows.map((x) => x.vmCreationMs);
    for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeLessThan(ms[i - 1] ?? 0);
    expect(ms[0]).toBe(measures(runValue({ guest: { ramGiB: 48 } })).vmCreationMs);
    expect(ms.at(-1)).toBe(measures(runValue(setPath(TALK_ALL_FIXES, ['guest', 'ramGiB'], 48))).vmCreationMs);
  });

  it('ladders between any two scenarios, with what no fix covers last', () => {
    const l = ladderSeries({ guest: { ramGiB: 64 } }, { guest: { ramGiB: 32 }, firmware: { grubTimeoutS: 0 } }, 'start');
    expect(l.ok ? l.series.map((s) => s.name) : []).toEqual(['start', '+ Boot menu off + grub timeout 0', '+ other changes']);
    const bad = ladderSeries(TALK_BASELINE, { guest: { ramGiB: -1 } });
    expect(bad.ok ? [] : bad.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^ladder target: guest.ramGiB must be at least/)]);
  });
});
