/**
 * How a flame frame looks: fill, label ink, hatching and label, for one run (coloured by
 * the phase the frame belongs to) and for the difference of two runs (coloured by the
 * change). Colour is never the only cue: sleeping frames are hatched, and differences carry
 * a signed time in their label.
 */
import type { FlameNode } from '../../sim/analysis/flame.ts';
import type { FlameDiffNode } from '../../sim/analysis/flame-diff.ts';
import { WHITE_INK } from '../timeline/span-style.ts';
import { duration } from '../format.ts';
import { type Cell, fitLabel, pathId, type TreeAccess } from './flame-layout.ts';
import type { FramePhase } from './flame-phase.ts';

/** One rectangle as the graph component draws it. */
export interface DrawCell {
  readonly id: string;
  readonly path: readonly string[];
  readonly depth: number;
  readonly x: number;
  readonly w: number;
  readonly fill: string;
  readonly ink: string;
  readonly hatched: boolean;
  /** Frames are kernel and QEMU identifiers, set in the monospace face; lanes are not. */
  readonly mono: boolean;
  /** The frame or lane as named in the tree ("all threads" for the root). */
  readonly name: string;
  readonly label: string;
  readonly role: Cell<unknown>['role'];
  readonly kind: FlameNode['kind'];
  /** The lane id of a lane cell (for tests and links). */
  readonly laneId?: string;
  readonly totalUs: number;
  /** The frame and its time in words: its accessible name. */
  readonly title: string;
}

/** Character advance at 11 px: JetBrains Mono is 0.6 em; Inter averages about 0.56 em. */
export const MONO_CHAR_PX = 6.6;
export const UI_CHAR_PX = 6.2;

export const plainAccess: TreeAccess<FlameNode> = { key: (n) => n.key, children: (n) => n.children, size: (n) => n.totalUs };

const sizes = new WeakMap<FlameDiffNode, number>();
/**
 * A difference frame's width: the larger of A and B, so time that went away stays visible;
 * a parent widens to hold its children when their larger sides add up to more than its own.
 */
export function diffSize(n: FlameDiffNode): number {
  const hit = sizes.get(n);
  if (hit !== undefined) return hit;
  const kids = n.children.reduce((s, c) => s + diffSize(c), 0);
  const size = Math.max(n.a.totalUs, n.b.totalUs, kids);
  sizes.set(n, size);
  return size;
}

export const diffAccess: TreeAccess<FlameDiffNode> = { key: (n) => n.key, children: (n) => n.children, size: diffSize };

export function laneIdOf(key: string): string | undefined {
  return key.startsWith('lane:') ? key.slice(5) : undefined;
}

export function signedDuration(us: number): string {
  if (Math.round(Math.abs(us)) === 0) return '±0 µs';
  return `${us < 0 ? '−' : '+'}${duration(Math.abs(us))}`;
}

function frameLabel(name: string, w: number, mono: boolean, suffix = ''): string {
  const charPx = mono ? MONO_CHAR_PX : UI_CHAR_PX;
  const full = `${name}${suffix}`;
  const fitted = fitLabel(full, w, charPx);
  // Rather the whole name than a name cut before its delta.
  return fitted === full || suffix === '' ? fitted : fitLabel(name, w, charPx);
}

function base(c: Cell<{ key: string; name: string; kind: FlameNode['kind'] }>, totalUs: number, title: string) {
  const laneId = c.node.kind === 'lane' ? laneIdOf(c.node.key) : undefined;
  return {
    name: c.node.kind === 'root' ? 'all threads' : c.node.name,
    id: pathId(c.path), path: c.path, depth: c.depth, x: c.x, w: c.w, role: c.role, kind: c.node.kind,
    mono: c.node.kind === 'frame', totalUs, title, ...(laneId !== undefined ? { laneId } : {}),
  };
}

function neutral(kind: FlameNode['kind']): { fill: string; ink: string } {
  if (kind === 'root') return { fill: 'var(--border-strong)', ink: 'var(--text)' };
  if (kind === 'lane') return { fill: 'var(--sunken)', ink: 'var(--text)' };
  return { fill: 'var(--bg-work)', ink: 'var(--text)' };
}

/** One run: a frame in a single phase takes that phase's colour; others stay neutral. */
export function plainCell(c: Cell<FlameNode>, phases: ReadonlyMap<string, FramePhase>): DrawCell {
  const n = c.node;
  const phase = n.kind === 'frame' ? phases.get(pathId(c.path)) : undefined;
  const look = phase === undefined || phase === 'mixed'
    ? neutral(n.kind)
    : { fill: `var(--ph-${phase})`, ink: WHITE_INK.has(phase) ? 'var(--ink-light)' : 'var(--ink-dark)' };
  const name = n.kind === 'frame' ? n.name : `${n.kind === 'root' ? 'all threads' : n.name} · ${duration(n.totalUs)}`;
  return { ...base(c, n.totalUs, `${n.kind === 'root' ? 'all threads' : n.name}, ${duration(n.totalUs)}${n.offCpu ? ', sleeping' : ''}`), ...look, hatched: n.offCpu, label: frameLabel(name, c.w, n.kind === 'frame') };
}

/** Mix share for a change: a faint tint for any change, up to half the status colour. */
export function diffMix(n: FlameDiffNode): number {
  const size = Math.max(n.a.totalUs, n.b.totalUs);
  if (size <= 0 || Math.round(n.deltaUs) === 0) return 0;
  return 12 + 38 * Math.min(1, Math.abs(n.deltaUs) / size);
}

/**
 * Difference: green where B saves time, red where it adds, deeper for a larger share of
 * the frame's time; the label carries the signed change. Mixes stay at or under 50% so
 * the primary text colour keeps its contrast in both themes.
 */
export function diffCell(c: Cell<FlameDiffNode>): DrawCell {
  const n = c.node;
  const mix = diffMix(n);
  const status = n.deltaUs < 0 ? 'var(--ok)' : 'var(--bad)';
  const fill = mix === 0 ? 'var(--bg-work)' : `color-mix(in srgb, ${status} ${mix.toFixed(0)}%, var(--surface))`;
  const offCpu = n.a.cpuUs + n.b.cpuUs === 0 && n.a.totalUs + n.b.totalUs > 0;
  const name = n.kind === 'root' ? 'all threads' : n.name;
  return {
    ...base(c, Math.max(n.a.totalUs, n.b.totalUs), `${n.kind === 'root' ? 'all threads' : n.name}, A ${duration(n.a.totalUs)}, B ${duration(n.b.totalUs)}, change ${signedDuration(n.deltaUs)}`),
    fill,
    ink: 'var(--text)',
    hatched: offCpu,
    label: frameLabel(name, c.w, n.kind === 'frame', ` ${signedDuration(n.deltaUs)}`),
  };
}
