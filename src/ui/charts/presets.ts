/**
 * What the Charts form offers: series built from the current scenario (as is, with every
 * fix, 1 GPU against 4, the fixes added one by one), the talk's result figures as fixed
 * specs, and a sensible range for each sweepable field.
 */
import { type AxisValue, getPath, type SweepField, type SweepProblem, setPath } from '../../sim/analysis/sweep-axis.ts';
import { ladderSeries, TALK_ALL_FIXES, talkLadderSpec, talkRamSpec } from '../../sim/analysis/sweep-figures.ts';
import type { SeriesSpec, SweepSpec } from '../../sim/analysis/sweep.ts';
import type { Measures } from '../../sim/analysis/measures.ts';
import { schemaNodeAt } from '../editor/schema-fields.ts';
import { tickStep } from './scale.ts';

export type SeriesPreset = 'current' | 'fixes' | 'gpus' | 'ladder';

export const SERIES_PRESETS: readonly { readonly id: SeriesPreset; readonly label: string; readonly hint: string }[] = [
  { id: 'current', label: 'Current scenario', hint: 'the scenario in the editor, as is' },
  { id: 'fixes', label: '+ all fixes (THP)', hint: 'the scenario as is, and with every fix of the talk and THP' },
  { id: 'gpus', label: '1 GPU vs 4 GPUs', hint: 'the scenario with devices.count 1 and 4' },
  { id: 'ladder', label: 'Optimizations one by one', hint: 'the fixes the scenario lacks, added in the talk\'s order' },
];

export type SeriesResult = { readonly ok: true; readonly series: readonly SeriesSpec[]; readonly note?: string } | { readonly ok: false; readonly problems: readonly SweepProblem[] };

/** Every leaf of `patch` written over `base` (objects along the way copied, never mutated). */
export function overlay(base: unknown, patch: unknown, path: readonly string[] = []): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return base;
  let out = base;
  for (const [k, v] of Object.entries(patch)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out = overlay(out, v, [...path, k]);
    else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out = setPath(out, [...path, k], v);
  }
  return out;
}

/** The scenario with every fix of the talk and THP (its name kept out: a series names itself). */
export function withAllFixes(input: unknown): unknown {
  const fixes = TALK_ALL_FIXES;
  if (fixes === null || typeof fixes !== 'object') return input;
  return Object.entries(fixes).reduce((acc, [k, v]) => (k === 'name' ? acc : overlay(acc, { [k]: v })), input);
}

export function presetSeries(preset: SeriesPreset, input: unknown, name: string, field: string): SeriesResult {
  switch (preset) {
    case 'current':
      return { ok: true, series: [{ name, scenario: input }] };
    case 'fixes':
      return { ok: true, series: [{ name, scenario: input }, { name: 'all fixes + THP', scenario: withAllFixes(input) }] };
    case 'gpus':
      if (field === 'devices.count') {
        return { ok: false, problems: [{ field, message: '"1 GPU vs 4 GPUs" sets devices.count, the field being swept; choose another axis or another series preset.' }] };
      }
      return { ok: true, series: [1, 4].map((n) => ({ name: n === 1 ? '1 GPU' : `${n} GPUs`, scenario: setPath(input, ['devices', 'count'], n) })) };
    case 'ladder': {
      const l = ladderSeries(input, withAllFixes(input), name);
      if (!l.ok) return l;
      return l.series.length > 1 ? { ok: true, series: l.series } : { ok: true, series: l.series, note: 'The scenario already has every fix, so the ladder has one step.' };
    }
  }
}

export type ChartKind = 'lines' | 'bars';

export interface TalkFigure {
  readonly id: string;
  readonly label: string;
  /** The slide's title, for the chart and its export. */
  readonly title: string;
  readonly spec: () => SweepSpec;
  readonly kind: ChartKind;
  readonly measures: readonly (keyof Measures)[];
}

export const TALK_FIGURES: readonly TalkFigure[] = [
  { id: 'talk-ram-1', label: '1 GPU over RAM sizes', title: 'Creation time of GPU VM instance with 1 GPU card', spec: () => talkRamSpec(1), kind: 'lines', measures: ['vmCreationMs'] },
  { id: 'talk-ram-4', label: '4 GPUs over RAM sizes', title: 'Creation time of GPU VM instance with 4 GPU cards', spec: () => talkRamSpec(4), kind: 'lines', measures: ['vmCreationMs'] },
  { id: 'talk-ladder', label: '48 GB, fixes one by one', title: 'GPU VM instance creation time (48GB RAM)', spec: () => talkLadderSpec(48), kind: 'bars', measures: ['vmCreationMs'] },
];

/** Hand-picked ranges for the fields the talk varies; others are derived from their value. */
const RANGES: Readonly<Record<string, string>> = {
  'guest.ramGiB': '8..256:8',
  'guest.vcpus': '1..32:1',
  'guest.prealloc.threads': '1..16:1',
  'devices.count': '0..8:1',
  'firmware.grubTimeoutS': '0..10:1',
  'firmware.pamWrites': '0..20:1',
  'firmware.bootMenuWaitMs': '0..5000:250',
  'firmware.barDecodeToggles': '0..8:1',
  'host.freePool.prezeroedShare': '0..1:0.05',
  'host.freePool.fragmentation': '0..1:0.05',
  'host.hostCpus': '8..128:8',
  'host.zeroingGBps': '1..20:1',
  'host.prezeroWorker.batchMiB': '16..1024:16',
  'host.prezeroWorker.delayMs': '0..2000:100',
};

const num = (v: number) => Number(v.toPrecision(6)).toString();

/**
 * The values text a field starts with: its hand-picked range, else about 20 points from
 * half to twice its current value inside the schema's bounds; every option for an enum and
 * both values for a switch.
 */
export function defaultValues(f: SweepField, current: unknown): string {
  if (f.kind === 'enum') return (f.options ?? []).join(',');
  if (f.kind === 'boolean') return 'false,true';
  const known = RANGES[f.field];
  if (known) return known;
  const node = schemaNodeAt(f.field);
  const b = node?.kind === 'number' ? node : undefined;
  const c = typeof current === 'number' && current > 0 ? current : 0;
  let from = c > 0 ? c / 2 : (b?.min ?? 0);
  let to = c > 0 ? c * 2 : Math.min(b?.max ?? 10, 10);
  if (b?.max !== undefined) to = Math.min(to, b.max);
  if (b?.min !== undefined) from = Math.max(from, b.minExclusive ? b.min + tickStep(from, to, 20) : b.min);
  let step = tickStep(from, to, 20);
  if (b?.integer) step = Math.max(1, Math.round(step));
  from = Math.ceil(from / step - 1e-9) * step;
  return `${num(from)}..${num(to)}:${num(step)}`;
}

/** A field's unit for axis labels, from the schema ("GiB"), or undefined. */
export function fieldUnit(field: string): string | undefined {
  const n = schemaNodeAt(field);
  return n && n.kind !== 'group' ? n.unit : undefined;
}

/** The current scenario's value of the swept field: as written, else as resolved. */
export function currentValue(input: unknown, resolved: unknown, path: readonly string[]): AxisValue | undefined {
  const v = getPath(input, path) ?? getPath(resolved, path);
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : undefined;
}
