/**
 * The Resets view's model of a run, built once per Trace: per GPU its reset #1 (device
 * open) and reset #2 (qemu_system_reset), skipped ones included; the main thread's waits
 * on resets; the DMA map they may overlap; the schedule in words; and sorted times so
 * the totals at the playhead are binary searches.
 */
import type { ResetReason, Span, Trace } from '../../sim/trace/types.ts';
import { countAtOrBefore, lastAtOrBefore } from '../iova/search.ts';

export interface ResetBar {
  readonly gpu: number;
  readonly reason: ResetReason;
  /** The span on the device's lane (zero-length when skipped). */
  readonly span: Span;
  readonly startUs: number;
  readonly endUs: number;
  readonly skipped: boolean;
  /** The main thread itself slept in this reset (the serial schedule). */
  readonly onMain: boolean;
}

export interface GpuRow {
  readonly gpu: number;
  readonly lane: string;
  readonly resets: readonly ResetBar[];
}

export type Schedule = 'serial' | 'parallel' | 'overlapped';

export interface ResetIndex {
  readonly rows: readonly GpuRow[];
  readonly done: readonly ResetBar[];
  readonly skipped: readonly ResetBar[];
  /** QEMU main's DMA map of guest RAM, the work resets can overlap. */
  readonly dmaMap: readonly Span[];
  /** QEMU main asleep in a reset, or blocked joining reset threads. */
  readonly waits: readonly Span[];
  readonly waitStarts: readonly number[];
  readonly waitBefore: readonly number[];
  readonly endTimes: readonly number[];
  readonly skipTimes: readonly number[];
  readonly vcpuStartUs: number;
  readonly schedule: Schedule | undefined;
  /** The schedule in words, for captions. */
  readonly scheduleWords: string;
}

const isReset = (s: Span) => s.phase === 'pci-reset' || s.phase === 'system-reset';
/** A main-thread span that only sleeps (a reset run inline) or only waits (joining reset threads). */
const isWait = (s: Span) => s.lane === 'qemu-main' && isReset(s) && (s.kind === 'blocked' || (s.work.length > 0 && s.work.every((w) => !w.cpu)));

export function buildResetIndex(trace: Trace): ResetIndex {
  const n = trace.scenario.devices.count;
  const waits = trace.spans.filter(isWait).sort((a, b) => a.startUs - b.startUs);
  const inline = new Set(waits.filter((w) => w.kind !== 'blocked').map((w) => `${w.phase}@${w.startUs}`));
  const skippedAt = new Set(trace.events.flatMap((e) => (e.type === 'pci.reset.skipped' ? [`${e.lane}@${e.t}`] : [])));
  const rows: GpuRow[] = [];
  for (let gpu = 0; gpu < n; gpu++) {
    const lane = `gpu${gpu}`;
    const resets = trace.spans
      .filter((s) => s.lane === lane && isReset(s))
      .map((s): ResetBar => {
        const skipped = s.endUs === s.startUs && skippedAt.has(`${lane}@${s.startUs}`);
        return {
          gpu, span: s, startUs: s.startUs, endUs: s.endUs, skipped,
          reason: s.phase === 'pci-reset' ? 'device-open' : 'system-reset',
          onMain: inline.has(`${s.phase}@${s.startUs}`),
        };
      })
      .filter((r) => r.skipped || r.endUs > r.startUs);
    rows.push({ gpu, lane, resets });
  }
  const all = rows.flatMap((r) => r.resets);
  const done = all.filter((r) => !r.skipped).sort((a, b) => a.endUs - b.endUs);
  const skipped = all.filter((r) => r.skipped).sort((a, b) => a.startUs - b.startUs);
  const dmaMap = trace.spans.filter((s) => s.lane === 'qemu-main' && s.phase === 'dma-map' && s.kind === 'phase');
  const waitBefore: number[] = [];
  waits.reduce((acc, w) => (waitBefore.push(acc), acc + w.endUs - w.startUs), 0);
  const { schedule, words } = describe(done, dmaMap);
  return {
    rows, done, skipped, dmaMap, waits, waitBefore,
    waitStarts: waits.map((w) => w.startUs),
    endTimes: done.map((r) => r.endUs),
    skipTimes: skipped.map((r) => r.startUs),
    vcpuStartUs: trace.markers.vcpuStartUs,
    schedule, scheduleWords: words,
  };
}

function describe(done: readonly ResetBar[], dmaMap: readonly Span[]): { schedule: Schedule | undefined; words: string } {
  if (done.length === 0) return { schedule: undefined, words: 'no resets' };
  const overlapsMap = done.some((r) => dmaMap.some((d) => r.startUs < d.endUs && r.endUs > d.startUs));
  const concurrent = done.some((a) => done.some((b) => a !== b && a.startUs < b.endUs && b.startUs < a.endUs));
  if (overlapsMap) return { schedule: 'overlapped', words: concurrent ? 'overlapped with the DMA map, in parallel' : 'overlapped with the DMA map, one after another on a reset thread' };
  if (concurrent) return { schedule: 'parallel', words: 'in parallel on reset threads' };
  return { schedule: 'serial', words: done.every((r) => r.onMain) ? 'serial on the main thread' : 'one after another' };
}

export interface ResetTotals {
  readonly done: number;
  readonly skipped: number;
  /** Microseconds QEMU main spent asleep in resets or waiting for reset threads. */
  readonly waitedUs: number;
  /** Resets running at t. */
  readonly running: readonly ResetBar[];
}

export function resetTotalsAt(ix: ResetIndex, t: number): ResetTotals {
  const i = lastAtOrBefore(ix.waitStarts, t);
  const w = ix.waits[i];
  const waitedUs = w ? (ix.waitBefore[i] ?? 0) + Math.min(t, w.endUs) - w.startUs : 0;
  return {
    done: countAtOrBefore(ix.endTimes, t),
    skipped: countAtOrBefore(ix.skipTimes, t),
    waitedUs,
    running: t >= ix.vcpuStartUs ? [] : ix.done.filter((r) => r.startUs <= t && t < r.endUs),
  };
}
