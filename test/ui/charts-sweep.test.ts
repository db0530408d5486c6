/**
 * The Charts tab's pure parts: presets give valid sweeps, default ranges are valid for every
 * field, the workers' shares cover the plan once, and the CSV is the CLI's, row for row.
 */
import { describe, expect, it } from 'vitest';
import { formatSweepCsv } from '../../src/cli/format.ts';
import { parseAxis, sweepableFields } from '../../src/sim/analysis/sweep-axis.ts';
import { planSweep, runSweep, type SweepRow, sweepChunks } from '../../src/sim/analysis/sweep.ts';
import { TALK_ALL_FIXES, talkLadderSpec } from '../../src/sim/analysis/sweep-figures.ts';
import { validateScenarioValue } from '../../src/sim/scenario/parse.ts';
import { DEFAULT_SCENARIO_TEXT } from '../../src/app/default-scenario.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { defaultValues, presetSeries, SERIES_PRESETS, withAllFixes, overlay } from '../../src/ui/charts/presets.ts';
import { isMine } from '../../src/ui/charts/sweep-protocol.ts';
import { planOrder, sweepCsv } from '../../src/ui/charts/sweep-csv.ts';
import { buildLines, ladderPhase, seriesStyle } from '../../src/ui/charts/chart-series.ts';

function axis(spec: string) {
  const a = parseAxis(spec);
  if (!a.ok) throw new Error(a.problem.message);
  return a.axis;
}

const parsed = parseScenarioText(DEFAULT_SCENARIO_TEXT);
const INPUT = parsed.ok ? parsed.input : {};

describe('series presets', () => {
  it('build sweeps that plan without problems from the default scenario', () => {
    for (const p of SERIES_PRESETS) {
      const s = presetSeries(p.id, INPUT, 'current scenario', 'guest.ramGiB');
      if (!s.ok) throw new Error(s.problems.map((x) => x.message).join('; '));
      const plan = planSweep({ series: s.series, x: axis('guest.ramGiB=16,64') });
      expect(plan.ok, p.id).toBe(true);
    }
    const ladder = presetSeries('ladder', INPUT, 'now', 'guest.ramGiB');
    expect(ladder.ok && ladder.series.map((s) => s.name)).toEqual(['now', ...talkLadderSpec().series.slice(1).map((s) => s.name)]);
  });

  it('refuse "1 GPU vs 4 GPUs" over devices.count, in words', () => {
    const s = presetSeries('gpus', INPUT, 'x', 'devices.count');
    expect(s.ok ? '' : s.problems[0]?.message).toMatch(/sets devices\.count, the field being swept/);
  });

  it('turn every fix on the way the talk\'s figure does', () => {
    const a = validateScenarioValue(withAllFixes({}));
    const b = validateScenarioValue(TALK_ALL_FIXES);
    expect(a.ok && b.ok && { ...a.scenario, name: '' }).toEqual(b.ok && { ...b.scenario, name: '' });
    expect(overlay({ guest: { ramGiB: 8 } }, { guest: { memoryBacking: 'thp' } })).toEqual({ guest: { ramGiB: 8, memoryBacking: 'thp' } });
  });
});

describe('default ranges', () => {
  it('parse for every sweepable field and give valid scenarios at every point', () => {
    const v = validateScenarioValue({});
    if (!v.ok) throw new Error('defaults rejected');
    for (const f of sweepableFields()) {
      const text = defaultValues(f, f.path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? Reflect.get(o, k) : undefined), v.scenario));
      const a = parseAxis(`${f.field}=${text}`);
      expect(a.ok, `${f.field}=${text}: ${a.ok ? '' : a.problem.message}`).toBe(true);
      if (!a.ok) continue;
      expect(a.axis.values.length, f.field).toBeGreaterThan(1);
      expect(a.axis.values.length, f.field).toBeLessThanOrEqual(64);
      const plan = planSweep({ series: [{ name: 'defaults', scenario: {} }], x: a.axis });
      expect(plan.ok ? [] : plan.problems.map((p) => p.message), `${f.field}=${text}`).toEqual([]);
    }
  });
});

describe('worker shares and CSV', () => {
  const spec = { series: [{ name: 'base, "quoted"', scenario: {} }, { name: 'fixed', scenario: TALK_ALL_FIXES }], x: axis('guest.ramGiB=8..40:8') };
  const planned = planSweep(spec);
  if (!planned.ok) throw new Error('plan');
  const plan = planned.plan;

  it('give every point to exactly one worker', () => {
    for (const of of [1, 2, 3, 4]) {
      const counts = plan.points.map((_, i) => [0, 1, 2, 3].slice(0, of).filter((s) => isMine(i, s, of)).length);
      expect(counts.every((c) => c === 1)).toBe(true);
    }
  });

  it('write the CLI\'s CSV from rows in any arrival order', () => {
    // Rows as two workers return them: interleaved shares, chunk by chunk.
    const shares = [0, 1].map((s) => [...sweepChunks({ ...plan, points: plan.points.filter((_, i) => isMine(i, s, 2)) }, 2)].flatMap((c) => c.rows));
    const arrived: SweepRow[] = [...(shares[1] ?? []), ...(shares[0] ?? [])];
    const cli = formatSweepCsv(plan, runSweep(plan));
    const { field, xs, series, phases, warnings } = plan;
    expect(sweepCsv({ field, xs, series, phases, warnings, total: plan.points.length }, arrived)).toBe(`${cli}\n`);
    expect(cli.split('\n')[0]).toBe('series,guest.ramGiB,vmCreationMs,vmInitializationMs,biosExecutionMs');
    expect(cli.split('\n')[1]).toMatch(/^"base, ""quoted""",8,/);
    expect(planOrder(arrived).map((r) => `${r.seriesIndex}:${r.xIndex}`)).toEqual(plan.points.map((p) => `${p.seriesIndex}:${p.xIndex}`));
  });

  it('draw one line per series and measure, in axis order', () => {
    const rows = runSweep(plan);
    const lines = buildLines(plan.series, plan.xs, [...rows].reverse(), ['vmCreationMs', 'biosExecutionMs'], false);
    expect(lines.map((l) => l.id)).toEqual(['0:vmCreationMs', '0:biosExecutionMs', '1:vmCreationMs', '1:biosExecutionMs']);
    for (const l of lines) expect(l.points.map((p) => p.x)).toEqual([8, 16, 24, 32, 40]);
    expect(lines[1]?.dash).not.toBe(lines[0]?.dash);
    expect(lines[0]?.style.marker).not.toBe(lines[2]?.style.marker);
  });

  it('colour ladder steps by the phase their fix shortens, the baseline grey', () => {
    const names = talkLadderSpec().series.map((s) => s.name);
    expect(names.slice(1).map(ladderPhase)).toEqual(['dma-map', 'dma-map', 'dma-map', 'firmware', 'pci-reset', 'kvm-memslots', 'boot-menu']);
    expect(seriesStyle(names[0] ?? '', 0, true).color).toBe('var(--text-3)');
    expect(seriesStyle('+ Boot menu off + grub timeout 0', 7, true)).toMatchObject({ color: 'var(--ph-boot-menu)', hatched: true });
  });
});
