/**
 * The IOVA view at one instant: which regions show and how, each family's re-map badge,
 * and the counters. Binary searches over the precomputed index only.
 */
import type { Family, FoldBlock, IovaIndex, RegionInfo } from './iova-index.ts';
import { countAtOrBefore, lastAtOrBefore } from './search.ts';

/**
 * pinning: the first map ioctl is pinning the range (progress from its start).
 * repinning: a map ioctl is pinning pages that were pinned before and unmapped.
 * repinned: a re-pin that finished within the hold window.
 * mapped: mapped and quiet. kept: region_del remembered in QEMU, still mapped in the kernel.
 * conflict: just unmapped because a new, overlapping map arrived.
 */
export type Look = 'pinning' | 'repinning' | 'repinned' | 'mapped' | 'kept' | 'conflict';

export interface RegionAt {
  readonly info: RegionInfo;
  readonly look: Look;
  /** Share of the range pinned so far while pinning or re-pinning (pinning runs in address order). */
  readonly progress: number;
  /** Decided but its ioctl has not started: an unmap or an earlier map runs first. */
  readonly waiting: boolean;
}

export function regionAt(ix: IovaIndex, info: RegionInfo, t: number): RegionAt | undefined {
  const i = lastAtOrBefore(info.stateTimes, t);
  const state = info.states[i]?.state;
  if (state === undefined || state === 'unmapped') return undefined;
  const done = { info, progress: 1, waiting: false };
  if (state === 'unmapRequested') return { ...done, look: 'kept' };
  if (state === 'conflict') return info.conflictUs !== undefined && t < info.conflictUs + ix.holdUs ? { ...done, look: 'conflict' } : undefined;
  const op = info.map;
  if (op && t >= op.beginUs && t < op.endUs) {
    const progress = t <= op.startUs ? 0 : (t - op.startUs) / Math.max(1, op.endUs - op.startUs);
    return { info, look: op.repin4K > 0 ? 'repinning' : 'pinning', progress, waiting: t < op.startUs };
  }
  if (op && op.repin4K > 0 && t >= op.endUs && t < op.endUs + ix.holdUs) return { ...done, look: 'repinned' };
  return { ...done, look: 'mapped' };
}

/** Regions on screen at t in one container, in address order; none once its detail window closed. */
export function regionsAt(ix: IovaIndex, container: number, t: number): RegionAt[] {
  if (t >= (ix.detailEnds.get(container) ?? Infinity)) return [];
  const list = ix.epochRegions[lastAtOrBefore(ix.epochStarts, t)] ?? [];
  const out: RegionAt[] = [];
  for (const info of list) {
    if (info.region.container !== container) continue;
    const r = regionAt(ix, info, t);
    if (r) out.push(r);
  }
  return out.sort((a, b) => a.info.region.startIova - b.info.region.startIova);
}

export interface Badge {
  /** Re-maps so far (every map of the family after its first). */
  readonly remaps: number;
  readonly totalRemaps: number;
  /** Maps QEMU answered from its tracking so far. */
  readonly kept: number;
  readonly text: string | undefined;
}

export function familyBadge(f: Family, t: number): Badge {
  const maps = countAtOrBefore(f.mapBegins, t);
  const remaps = Math.max(0, maps - 1);
  const totalRemaps = Math.max(0, f.mapBegins.length - 1);
  const kept = countAtOrBefore(f.keptTimes, t);
  const text = remaps === 0 ? undefined : remaps < totalRemaps ? `↻ ${remaps} of ${totalRemaps}` : `↻ ×${totalRemaps}`;
  return { remaps, totalRemaps, kept, text };
}

export interface IovaCounters {
  readonly mapIoctls: number;
  readonly unmapIoctls: number;
  readonly mapsSkipped: number;
  readonly unmapsDeferred: number;
  readonly conflicts: number;
  readonly repinned4K: number;
}

export function iovaCountersAt(ix: IovaIndex, t: number): IovaCounters {
  const i = lastAtOrBefore(ix.repinStarts, t);
  const op = ix.repinOps[i];
  let repinned4K = 0;
  if (op) {
    const f = t >= op.endUs ? 1 : (t - op.startUs) / Math.max(1, op.endUs - op.startUs);
    repinned4K = (ix.repinBefore[i] ?? 0) + Math.floor(op.repin4K * f);
  }
  return {
    mapIoctls: countAtOrBefore(ix.mapTimes, t) + foldedAt(ix.folds, t, 'maps'),
    unmapIoctls: countAtOrBefore(ix.unmapTimes, t) + foldedAt(ix.folds, t, 'unmaps'),
    mapsSkipped: countAtOrBefore(ix.skippedTimes, t) + foldedAt(ix.folds, t, 'mapsSkipped'),
    unmapsDeferred: countAtOrBefore(ix.deferredTimes, t) + foldedAt(ix.folds, t, 'unmapsDeferred'),
    conflicts: countAtOrBefore(ix.conflictTimes, t),
    repinned4K: repinned4K + foldedAt(ix.folds, t, 'repinned4K'),
  };
}

/** Folded ioctls issued by t, spread evenly over each fold's time (they run back to back). */
function foldedAt(folds: readonly FoldBlock[], t: number, k: 'maps' | 'unmaps' | 'mapsSkipped' | 'unmapsDeferred' | 'repinned4K'): number {
  let n = 0;
  for (const f of folds) {
    if (f.t > t) break;
    n += t >= f.endUs ? f[k] : Math.floor((f[k] * (t - f.t)) / (f.endUs - f.t));
  }
  return n;
}

export const gibOf4K = (pages: number) => (pages * 4096) / 2 ** 30;
