/**
 * Series for the talk's result figures: the fixes added one at a time in the talk's order
 * (a "ladder", as in "GPU VM instance creation time, 48GB RAM"), and creation time over
 * RAM sizes with 1 and with 4 GPUs, baseline against every fix.
 *
 * The ladder works on scenarios as written, like every sweep, so each step validates as
 * the editor would: step k is the base with the keys of the first k fix groups
 * (attribution.ts FIX_GROUPS) set to the target's resolved values. A group that changes
 * nothing is left out; whatever no group covers comes last as "other changes".
 */
import { validateScenarioValue } from '../scenario/parse.ts';
import { FIX_GROUPS } from './attribution.ts';
import { type AxisValue, getPath, makeAxis, setPath, type SweepProblem } from './sweep-axis.ts';
import type { SeriesSpec, SweepSpec } from './sweep.ts';

export type LadderResult = { readonly ok: true; readonly series: readonly SeriesSpec[] } | { readonly ok: false; readonly problems: readonly SweepProblem[] };

function isAxisValue(v: unknown): v is AxisValue {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

/** From `base` to `target`, one fix group at a time in the talk's order. */
export function ladderSeries(base: unknown, target: unknown, baseName = 'baseline'): LadderResult {
  const vb = validateScenarioValue(base);
  const vt = validateScenarioValue(target);
  const problems: SweepProblem[] = [
    ...(vb.ok ? [] : vb.problems.map((p) => ({ message: `ladder start: ${p.message}`, series: baseName }))),
    ...(vt.ok ? [] : vt.problems.map((p) => ({ message: `ladder target: ${p.message}` }))),
  ];
  if (!vb.ok || !vt.ok) return { ok: false, problems };
  const resolve = (value: unknown) => {
    const r = validateScenarioValue(value);
    return r.ok ? { scenario: r.scenario, key: JSON.stringify({ ...r.scenario, name: '' }) } : undefined;
  };
  const series: SeriesSpec[] = [{ name: baseName, scenario: base }];
  let current = base;
  let now = resolve(base);
  for (const group of FIX_GROUPS) {
    let next = current;
    for (const k of group.keys) {
      const path = k.split('.');
      const v = getPath(vt.scenario, path);
      // Only keys that differ are written, so a step carries no setting without effect.
      if (isAxisValue(v) && v !== getPath(now?.scenario, path)) next = setPath(next, path, v);
    }
    const after = resolve(next);
    if (!after) return { ok: false, problems: [{ message: `ladder step "${group.label}" is not a valid scenario.`, series: group.label }] };
    if (after.key === now?.key) continue;
    series.push({ name: `+ ${group.label}`, scenario: next });
    current = next;
    now = after;
  }
  if (now?.key !== resolve(target)?.key) series.push({ name: '+ other changes', scenario: target });
  return { ok: true, series };
}

/** The talk's baseline: every field at its default (256 GiB, 4 x P40, 4 KiB pages, no fixes). */
export const TALK_BASELINE: unknown = { name: 'Baseline (talk)' };

/** Every fix of the talk, with THP and the configuration changes, on a quiet host. */
export const TALK_ALL_FIXES: unknown = {
  name: 'All optimizations + THP',
  host: { freePool: { prezeroedShare: 1 } },
  guest: { memoryBacking: 'thp' },
  firmware: { bootMenu: false, grubTimeoutS: 0 },
  optimizations: {
    prezeroFreePages: true, bulkPinning: true, userspaceDmaMapTracking: true, splitIovaAt1MiB: true, skipRedundantReset: true,
    parallelResets: true, overlapResetWithDmaMap: true, skipMmioDirtyLog: true, countEffectiveRmap: true,
  },
};

/** RAM sizes for the creation-time figures (GiB). */
export const TALK_RAM_GIB: readonly number[] = [8, 16, 32, 48, 64, 96, 128, 192, 256];

function axisOrThrow(field: string, values: readonly AxisValue[]) {
  const a = makeAxis(field, values);
  if (!a.ok) throw new Error(`talk figure axis ${field}: ${a.problem.message}`);
  return a.axis;
}

/** "GPU VM instance creation time (48GB RAM)": the fixes added one by one, at one RAM size. */
export function talkLadderSpec(ramGiB = 48): SweepSpec {
  const ladder = ladderSeries(TALK_BASELINE, TALK_ALL_FIXES);
  if (!ladder.ok) throw new Error(`the talk's ladder: ${ladder.problems.map((p) => p.message).join('; ')}`);
  return { series: ladder.series, x: axisOrThrow('guest.ramGiB', [ramGiB]) };
}

/** "Creation time of GPU VM instance with N GPU cards": baseline and every fix over RAM sizes. */
export function talkRamSpec(gpus: number, ramGiB: readonly number[] = TALK_RAM_GIB): SweepSpec {
  const withGpus = (s: unknown) => setPath(s, ['devices', 'count'], gpus);
  return {
    series: [{ name: 'baseline', scenario: withGpus(TALK_BASELINE) }, { name: 'all optimizations', scenario: withGpus(TALK_ALL_FIXES) }],
    x: axisOrThrow('guest.ramGiB', ramGiB),
  };
}
