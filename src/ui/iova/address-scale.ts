/**
 * The guest-physical (= IOVA, no vIOMMU) address space drawn "not to scale": each segment
 * (low RAM, VGA, BIOS shadow, RAM to the PCI hole, the hole, high RAM, each GPU's BARs)
 * gets a width chosen for reading, and positions are linear inside each piece, so a
 * region's start and end land exactly on the boundaries they share with the segments.
 */
import type { GuestSegment, IovaRegion } from '../../sim/trace/types.ts';
import { lastAtOrBefore } from './search.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
export const SPLIT_IOVA = 0x100000;

export interface AddrPiece {
  readonly start: number;
  readonly end: number;
  readonly x0: number;
  readonly x1: number;
}

export interface SegmentBox {
  readonly label: string;
  readonly kind: GuestSegment['kind'];
  readonly start: number;
  readonly end: number;
  readonly x0: number;
  readonly x1: number;
  readonly size: string;
}

export interface AddressScale {
  readonly widthPx: number;
  readonly pieces: readonly AddrPiece[];
  readonly starts: readonly number[];
  readonly segments: readonly SegmentBox[];
}

/** (reading choice) Relative widths: the small areas below 1 MiB are where the story is. */
function segmentWeight(s: GuestSegment, bars: number): number {
  switch (s.kind) {
    case 'vga':
      return 0.9;
    case 'bios-shadow':
      return 1.3;
    case 'pci-hole':
      return 1.1;
    case 'bar':
      return Math.max(0.55, 2.8 / Math.max(1, bars));
    case 'ram':
      if (s.end <= SPLIT_IOVA) return 1.1;
      return s.start < 4 * GiB ? 3.4 : 2.6;
  }
}
const GAP_WEIGHT = 0.2;

/** Pieces of one BAR segment: each BAR, and the alignment holes between them. */
function barPieces(seg: GuestSegment, regions: readonly IovaRegion[]): { start: number; end: number; w: number }[] {
  const keys = new Set<string>();
  const ranges: { start: number; end: number }[] = [];
  for (const r of regions) {
    if (r.kind !== 'bar' || r.startIova < seg.start || r.endIova > seg.end) continue;
    const k = `${r.startIova}:${r.endIova}`;
    if (!keys.has(k)) ranges.push({ start: r.startIova, end: r.endIova });
    keys.add(k);
  }
  ranges.sort((a, b) => a.start - b.start);
  const out: { start: number; end: number; w: number }[] = [];
  let cursor = seg.start;
  for (const r of ranges) {
    if (r.start < cursor) continue;
    if (r.start > cursor) out.push({ start: cursor, end: r.start, w: 0.3 });
    // (reading choice) A 32 GiB BAR wider than a 16 MiB one, but both visible.
    out.push({ start: r.start, end: r.end, w: 1 + Math.log2(Math.max(1, (r.end - r.start) / MiB)) / 4 });
    cursor = r.end;
  }
  if (cursor < seg.end) out.push({ start: cursor, end: seg.end, w: 0.3 });
  return out;
}

export function addressScale(segments: readonly GuestSegment[], regions: readonly IovaRegion[], widthPx: number): AddressScale {
  const segs = [...segments].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const bars = segs.filter((s) => s.kind === 'bar').length;
  // Every address range to draw, in order, with its weight; holes between segments are thin.
  const parts: { start: number; end: number; w: number; seg?: GuestSegment }[] = [];
  let cursor = segs[0]?.start ?? 0;
  for (const s of segs) {
    if (s.start > cursor) parts.push({ start: cursor, end: s.start, w: GAP_WEIGHT });
    parts.push({ start: Math.max(cursor, s.start), end: s.end, w: segmentWeight(s, bars), seg: s });
    cursor = Math.max(cursor, s.end);
  }
  const total = parts.reduce((a, p) => a + p.w, 0) || 1;
  const w = Math.max(1, widthPx);
  const pieces: AddrPiece[] = [];
  const boxes: SegmentBox[] = [];
  let x = 0;
  for (const p of parts) {
    const px = (p.w / total) * w;
    if (p.seg?.kind === 'bar') {
      const sub = barPieces(p.seg, regions);
      const subTotal = sub.reduce((a, q) => a + q.w, 0) || 1;
      let sx = x;
      for (const q of sub) {
        const qpx = (q.w / subTotal) * px;
        pieces.push({ start: q.start, end: q.end, x0: sx, x1: sx + qpx });
        sx += qpx;
      }
    } else {
      pieces.push({ start: p.start, end: p.end, x0: x, x1: x + px });
    }
    if (p.seg) {
      const size = p.seg.kind === 'bar' ? barBytes(p.seg, regions) : p.seg.end - p.seg.start;
      boxes.push({ label: p.seg.label, kind: p.seg.kind, start: p.seg.start, end: p.seg.end, x0: x, x1: x + px, size: sizeLabel(size) });
    }
    x += px;
  }
  return { widthPx: w, pieces, starts: pieces.map((p) => p.start), segments: boxes };
}

function barBytes(seg: GuestSegment, regions: readonly IovaRegion[]): number {
  return barPieces(seg, regions).filter((q) => q.w > 0.3).reduce((a, q) => a + q.end - q.start, 0) || seg.end - seg.start;
}

/** x of an address; addresses past the last segment stay at the right edge. */
export function xOfAddress(s: AddressScale, addr: number): number {
  const i = lastAtOrBefore(s.starts, addr);
  const p = s.pieces[Math.max(0, i)];
  if (!p) return 0;
  if (addr >= p.end) return p.x1;
  if (addr <= p.start) return p.x0;
  return p.x0 + ((addr - p.start) / (p.end - p.start)) * (p.x1 - p.x0);
}

function trim(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** Binary sizes as people say them: "640 KiB", "253 GiB", "3 GiB − 1 MiB". */
export function sizeLabel(bytes: number): string {
  const units: readonly [string, number][] = [['TiB', 2 ** 40], ['GiB', GiB], ['MiB', MiB], ['KiB', 1024]];
  for (const [unit, v] of units) {
    if (bytes < v) continue;
    const n = bytes / v;
    if (Number.isInteger(n)) return `${n} ${unit}`;
    const whole = Math.ceil(n);
    const short = whole * v - bytes;
    // Just under a whole unit by a round amount, like RAM below the PCI hole minus the first MiB.
    if (short < v / 100 && Number.isInteger(short / 1024)) return `${whole} ${unit} − ${sizeLabel(short)}`;
    return `${trim(n)} ${unit}`;
  }
  return `${bytes} B`;
}

export interface AddressTick {
  readonly addr: number;
  readonly x: number;
  readonly text: string;
  /** Label row under the axis (0 or 1), or undefined when it would collide: the tick stays. */
  readonly row: 0 | 1 | undefined;
  /** Right-aligned at the tick (the last one, so it stays inside). */
  readonly end: boolean;
  /** Where the label starts: at the tick, or pulled left to stay inside the track. */
  readonly labelX: number;
}

/** (measured) JetBrains Mono at 11 px advances about 6.6 px per character. */
export const MONO_CHAR_PX = 6.6;

export function hexAddr(n: number): string {
  return `0x${n.toString(16).toUpperCase()}`;
}

/**
 * A tick under every segment boundary, labels in two staggered rows; the split point and
 * the 4 GiB line win a collision, then boundaries from left to right.
 */
export function addressTicks(s: AddressScale, charPx = MONO_CHAR_PX, padPx = 8): AddressTick[] {
  const addrs = new Set<number>();
  for (const b of s.segments) addrs.add(b.start);
  const last = s.segments[s.segments.length - 1];
  if (last) addrs.add(last.end);
  const list = [...addrs].sort((a, b) => a - b).map((addr) => ({ addr, x: xOfAddress(s, addr), text: hexAddr(addr), end: addr === last?.end }));
  const priority = (a: number) => (a === SPLIT_IOVA ? 0 : a === 0 ? 1 : a === 4 * GiB ? 2 : 3);
  const order = list.map((_, i) => i).sort((a, b) => priority(list[a]?.addr ?? 0) - priority(list[b]?.addr ?? 0) || a - b);
  const taken: [number, number][][] = [[], []];
  const rows = new Map<number, 0 | 1>();
  const lefts = new Map<number, number>();
  for (const i of order) {
    const t = list[i];
    if (!t) continue;
    const width = t.text.length * charPx;
    // Labels start at their tick; the last ends at it; none leaves the track.
    const from = Math.max(0, Math.min(t.end ? t.x - width - 3 : t.x + 3, s.widthPx - width));
    for (const row of [0, 1] as const) {
      const used = taken[row] ?? [];
      if (used.every(([a, b]) => from + width + padPx <= a || from >= b + padPx)) {
        used.push([from, from + width]);
        rows.set(i, row);
        lefts.set(i, from);
        break;
      }
    }
  }
  return list.map((t, i) => ({ ...t, row: rows.get(i), labelX: lefts.get(i) ?? t.x }));
}
