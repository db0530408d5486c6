/**
 * Everything the IOVA view asks per frame, precomputed once per Trace: each region's
 * state timeline and its map ioctl (when the kernel really pinned it), families of
 * overlapping ranges (the two low-RAM ranges a PAM write flips between are one family),
 * which regions can be visible in each time epoch, and sorted event times for counters.
 * Per frame the view then does binary searches only.
 */
import type { IovaRegion, Span, Trace } from '../../sim/trace/types.ts';

export type IovaState = 'unmapped' | 'mapped' | 'unmapRequested' | 'conflict';

export interface MapOp {
  readonly region: number;
  readonly lane: string;
  /** When the listener decided to map (the region machine entered `mapped`). */
  readonly beginUs: number;
  /** The VFIO_IOMMU_MAP_DMA ioctl itself: from its start until its last page is pinned. */
  readonly startUs: number;
  readonly endUs: number;
  readonly pages4K: number;
  /** 4 KiB pages this map pins again after an unmap in the same container. */
  readonly repin4K: number;
}

export interface RegionInfo {
  readonly region: IovaRegion;
  readonly family: number;
  readonly states: readonly { readonly t: number; readonly state: IovaState }[];
  readonly stateTimes: readonly number[];
  /** A region is mapped by at most one ioctl: a range mapped again is a new region, or revived without one. */
  readonly map: MapOp | undefined;
  /** When a conflicting map forced it out, if one did. */
  readonly conflictUs: number | undefined;
  /** Its VFIO events (any kind), for linking to the span that caused them. */
  readonly events: readonly { readonly t: number; readonly lane: string }[];
}

export interface Family {
  readonly id: number;
  readonly container: number;
  readonly kind: 'ram' | 'bar';
  readonly start: number;
  readonly end: number;
  /** Map ioctls of the family by decision time; all but the first are re-maps. */
  readonly mapBegins: readonly number[];
  /** Maps QEMU answered from its tracking (a kept range revived). */
  readonly keptTimes: readonly number[];
}

export type StripKind = 'map' | 'unmap' | 'map-skipped' | 'unmap-deferred';

export interface StripEvent {
  readonly t: number;
  readonly kind: StripKind;
  readonly region: number;
  /** An unmap forced by a conflicting map (only happens with user-space tracking). */
  readonly conflict: boolean;
}

/** Ioctls of one container counted rather than recorded one by one (a `vfio.folded` event). */
export interface FoldBlock {
  readonly t: number;
  readonly endUs: number;
  readonly container: number;
  readonly maps: number;
  readonly unmaps: number;
  readonly mapsSkipped: number;
  readonly unmapsDeferred: number;
  readonly repinned4K: number;
}

export interface IovaIndex {
  readonly regions: readonly RegionInfo[];
  readonly byId: ReadonlyMap<number, RegionInfo>;
  readonly families: readonly Family[];
  readonly containers: readonly number[];
  /** Regions possibly visible from each epoch start until the next. */
  readonly epochStarts: readonly number[];
  readonly epochRegions: readonly (readonly RegionInfo[])[];
  readonly strip: readonly StripEvent[];
  readonly mapTimes: readonly number[];
  readonly unmapTimes: readonly number[];
  readonly skippedTimes: readonly number[];
  readonly deferredTimes: readonly number[];
  readonly conflictTimes: readonly number[];
  /** Ioctls past the detail window, by time: the counters add them in as they happen. */
  readonly folds: readonly FoldBlock[];
  /** When each container's detail window closed (containers absent: it never did). */
  readonly detailEnds: ReadonlyMap<number, number>;
  /** Every map ioctl by decision time. */
  readonly ops: readonly MapOp[];
  readonly opBegins: readonly number[];
  /** Re-pinning map ioctls by start, with the pages re-pinned before each. */
  readonly repinOps: readonly MapOp[];
  readonly repinStarts: readonly number[];
  readonly repinBefore: readonly number[];
  readonly pamTimes: readonly number[];
  /** How long a re-pin or a conflict stays marked after it ends, so it is seen while playing. */
  readonly holdUs: number;
  readonly endUs: number;
}

/** (reading choice) 1% of the run: a re-pin of 40 ms stays visible for about a fifth of a second at the default speed. */
const HOLD_SHARE = 0.01;
const MIN_HOLD_US = 50_000;

const isState = (s: string): s is IovaState => s === 'unmapped' || s === 'mapped' || s === 'unmapRequested' || s === 'conflict';

function spansOnLane(trace: Trace): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const s of trace.spans) {
    const list = out.get(s.lane) ?? [];
    list.push(s);
    out.set(s.lane, list);
  }
  return out;
}

/** The DMA-map work span on `lane` that holds time t (the ioctl runs inside it). */
export function coveringSpan(spans: readonly Span[] | undefined, t: number, phases: readonly string[] = ['dma-map', 'bar-map']): Span | undefined {
  let hit: Span | undefined;
  for (const s of spans ?? []) {
    if (s.startUs > t) break;
    if (s.endUs >= t && s.kind === 'phase' && s.phase !== undefined && phases.includes(s.phase)) hit = s;
  }
  return hit;
}

function overlapBytes(start: number, end: number, set: readonly { start: number; end: number }[]): number {
  let sum = 0;
  for (const u of set) sum += Math.max(0, Math.min(end, u.end) - Math.max(start, u.start));
  return sum;
}

function unionAdd(set: readonly { start: number; end: number }[], r: { start: number; end: number }) {
  const all = [...set, r].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const x of all) {
    const last = out[out.length - 1];
    if (last && x.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, x.end) };
    else out.push(x);
  }
  return out;
}

function familiesOf(regions: readonly IovaRegion[]): Map<number, { id: number; container: number; kind: 'ram' | 'bar'; start: number; end: number }> {
  const byRegion = new Map<number, { id: number; container: number; kind: 'ram' | 'bar'; start: number; end: number }>();
  const sorted = [...regions].sort((a, b) => a.container - b.container || a.startIova - b.startIova || a.id - b.id);
  let cur: { id: number; container: number; kind: 'ram' | 'bar'; start: number; end: number } | undefined;
  let next = 0;
  for (const r of sorted) {
    if (!cur || r.container !== cur.container || r.startIova >= cur.end) {
      cur = { id: next++, container: r.container, kind: r.kind, start: r.startIova, end: r.endIova };
    } else {
      cur.end = Math.max(cur.end, r.endIova);
    }
    byRegion.set(r.id, cur);
  }
  return byRegion;
}

export function buildIovaIndex(trace: Trace): IovaIndex {
  const endUs = trace.markers.firstKernelLogUs;
  const holdUs = Math.max(MIN_HOLD_US, Math.round(endUs * HOLD_SHARE));
  const lanes = spansOnLane(trace);
  const famOf = familiesOf(trace.iova.regions);
  const regionById = new Map(trace.iova.regions.map((r) => [r.id, r]));
  const maps = new Map<number, MapOp>();
  const events = new Map<number, { t: number; lane: string }[]>();
  const unmapped = new Map<number, { start: number; end: number }[]>();
  const strip: StripEvent[] = [];
  const conflicted = new Set(trace.iova.regions.filter((r) => r.states.some((s) => s.state === 'conflict')).map((r) => r.id));
  const folds: FoldBlock[] = [];
  for (const e of trace.events) {
    if (e.type === 'vfio.folded') folds.push({ t: e.t, endUs: e.endUs, container: e.container, maps: e.maps, unmaps: e.unmaps, mapsSkipped: e.mapsSkipped, unmapsDeferred: e.unmapsDeferred, repinned4K: e.repinned4K });
  }
  folds.sort((a, b) => a.t - b.t);
  const vfio = trace.events.filter((e) => e.type.startsWith('vfio.') && e.type !== 'vfio.folded');
  // The next VFIO event on the same lane, for every event (one backward pass).
  const nextOnLane: (number | undefined)[] = [];
  const seen = new Map<string, number>();
  for (let i = vfio.length - 1; i >= 0; i--) {
    const e = vfio[i];
    if (!e) continue;
    nextOnLane[i] = seen.get(e.lane);
    seen.set(e.lane, e.t);
  }
  vfio.forEach((e, i) => {
    if (e.type !== 'vfio.map' && e.type !== 'vfio.unmap' && e.type !== 'vfio.map.skipped' && e.type !== 'vfio.unmap.deferred') return;
    const region = regionById.get(e.region);
    if (!region) throw new Error(`${e.type} at t=${e.t} names region ${e.region}, which the Trace does not have`);
    const list = events.get(e.region) ?? [];
    list.push({ t: e.t, lane: e.lane });
    events.set(e.region, list);
    if (e.type === 'vfio.map') {
      // Steps of one burst run back to back: this ioctl ends where the next on its lane starts,
      // or with the span that holds the burst.
      const span = coveringSpan(lanes.get(e.lane), e.t);
      const next = nextOnLane[i];
      const spanEnd = span?.endUs ?? e.t;
      const end = next !== undefined && next <= spanEnd ? next : spanEnd;
      const begin = [...region.states].reverse().find((s) => s.t <= e.t && s.state === 'mapped')?.t ?? e.t;
      const gone = unmapped.get(region.container) ?? [];
      const repin4K = region.kind === 'ram' ? Math.ceil(overlapBytes(region.startIova, region.endIova, gone) / 4096) : 0;
      maps.set(e.region, { region: e.region, lane: e.lane, beginUs: begin, startUs: e.t, endUs: Math.max(e.t, end), pages4K: e.pages4K, repin4K });
      strip.push({ t: e.t, kind: 'map', region: e.region, conflict: false });
    } else if (e.type === 'vfio.unmap') {
      if (region.kind === 'ram') unmapped.set(region.container, unionAdd(unmapped.get(region.container) ?? [], { start: region.startIova, end: region.endIova }));
      strip.push({ t: e.t, kind: 'unmap', region: e.region, conflict: conflicted.has(e.region) });
    } else {
      strip.push({ t: e.t, kind: e.type === 'vfio.map.skipped' ? 'map-skipped' : 'unmap-deferred', region: e.region, conflict: false });
    }
  });
  const regions: RegionInfo[] = trace.iova.regions.map((r) => {
    const states = r.states.map((s) => {
      if (!isState(s.state)) throw new Error(`IOVA region ${r.id} in unknown state ${s.state} at t=${s.t}`);
      return { t: s.t, state: s.state };
    });
    return {
      region: r,
      family: famOf.get(r.id)?.id ?? -1,
      states,
      stateTimes: states.map((s) => s.t),
      map: maps.get(r.id),
      conflictUs: states.find((s) => s.state === 'conflict')?.t,
      events: events.get(r.id) ?? [],
    };
  });
  const byId = new Map(regions.map((r) => [r.region.id, r]));
  const begins = new Map<number, number[]>();
  const kept = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, v: number) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const r of regions) if (r.map) push(begins, r.family, r.map.beginUs);
  for (const e of strip) if (e.kind === 'map-skipped') push(kept, famOf.get(e.region)?.id ?? -1, e.t);
  const families = [...new Map([...famOf.values()].map((f) => [f.id, f])).values()].map((f): Family => ({
    ...f,
    mapBegins: (begins.get(f.id) ?? []).sort((a, b) => a - b),
    keptTimes: kept.get(f.id) ?? [],
  }));
  const { epochStarts, epochRegions } = epochs(regions, holdUs);
  const ops = [...maps.values()].sort((a, b) => a.beginUs - b.beginUs || a.startUs - b.startUs);
  const repinOps = ops.filter((m) => m.repin4K > 0).sort((a, b) => a.startUs - b.startUs);
  const repinBefore: number[] = [];
  repinOps.reduce((acc, op) => (repinBefore.push(acc), acc + op.repin4K), 0);
  const times = (k: StripKind, conflict?: boolean) => strip.filter((e) => e.kind === k && (conflict === undefined || e.conflict === conflict)).map((e) => e.t);
  return {
    regions, byId, families,
    containers: [...new Set(trace.iova.regions.map((r) => r.container))].sort((a, b) => a - b),
    epochStarts, epochRegions, strip,
    mapTimes: times('map'), unmapTimes: times('unmap'), skippedTimes: times('map-skipped'), deferredTimes: times('unmap-deferred'),
    conflictTimes: times('unmap', true), folds,
    detailEnds: new Map((trace.iova.detailEnds ?? []).map((d) => [d.container, d.t])),
    ops, opBegins: ops.map((o) => o.beginUs),
    repinOps, repinStarts: repinOps.map((o) => o.startUs), repinBefore,
    pamTimes: trace.events.filter((e) => e.type === 'pam.write').map((e) => e.t),
    holdUs, endUs,
  };
}

/** When each region can be on screen: from leaving `unmapped` until it is unmapped, or a hold after a conflict. */
function epochs(regions: readonly RegionInfo[], holdUs: number) {
  const spans = regions.flatMap((r) => {
    const from = r.states.find((s) => s.state !== 'unmapped')?.t;
    if (from === undefined) return [];
    const last = r.states[r.states.length - 1];
    const to = !last ? from : last.state === 'unmapped' ? last.t : last.state === 'conflict' ? last.t + holdUs : Infinity;
    return to > from ? [{ r, from, to }] : [];
  });
  const starts = [...new Set(spans.flatMap((s) => [s.from, s.to]).filter(Number.isFinite))].sort((a, b) => a - b);
  return {
    epochStarts: starts,
    epochRegions: starts.map((t) => spans.filter((s) => s.from <= t && t < s.to).map((s) => s.r)),
  };
}
