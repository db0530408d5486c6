/**
 * A difference flame graph: two call trees (before, after) laid over each other. Nodes
 * are matched by key along the path, so a frame present in only one run still appears,
 * with zero on the other side. Every node carries both sides and the delta b - a, so the
 * root's delta is the change in total time and a node's delta says where it came from.
 */
import type { Micros } from '../time.ts';
import type { FlameNode, FlameNodeKind } from './flame.ts';

export interface FlameSide {
  readonly totalUs: Micros;
  readonly cpuUs: Micros;
  readonly sleepUs: Micros;
  readonly selfUs: Micros;
}

export interface FlameDiffNode {
  readonly key: string;
  readonly name: string;
  readonly kind: FlameNodeKind;
  readonly a: FlameSide;
  readonly b: FlameSide;
  /** b.totalUs - a.totalUs: negative where B saves time. */
  readonly deltaUs: Micros;
  readonly deltaSelfUs: Micros;
  readonly deltaCpuUs: Micros;
  readonly deltaSleepUs: Micros;
  readonly children: readonly FlameDiffNode[];
}

const NONE: FlameSide = { totalUs: 0, cpuUs: 0, sleepUs: 0, selfUs: 0 };

function side(n: FlameNode | undefined): FlameSide {
  return n ? { totalUs: n.totalUs, cpuUs: n.cpuUs, sleepUs: n.sleepUs, selfUs: n.selfUs } : NONE;
}

const byName = (x: { name: string }, y: { name: string }) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

/** Trees built with the same options (lanes, time, group) compare like with like. */
export function diffFlame(a: FlameNode, b: FlameNode): FlameDiffNode {
  return diffNodes(a, b);
}

function diffNodes(a: FlameNode | undefined, b: FlameNode | undefined): FlameDiffNode {
  const head = a ?? b;
  if (!head) throw new Error('diffFlame: both sides of a node are missing');
  const sa = side(a);
  const sb = side(b);
  // Children in A's order, then those only B has, in B's order.
  const keys = new Map<string, { a?: FlameNode; b?: FlameNode }>();
  for (const c of a?.children ?? []) keys.set(c.key, { a: c });
  for (const c of b?.children ?? []) keys.set(c.key, { ...keys.get(c.key), b: c });
  const children = [...keys.values()].map((p) => diffNodes(p.a, p.b));
  // Frames sort by name as in flameTree; lanes keep the timeline's order.
  const sorted = children.some((c) => c.kind === 'lane') ? children : [...children].sort(byName);
  return {
    key: head.key,
    name: head.name,
    kind: head.kind,
    a: sa,
    b: sb,
    deltaUs: sb.totalUs - sa.totalUs,
    deltaSelfUs: sb.selfUs - sa.selfUs,
    deltaCpuUs: sb.cpuUs - sa.cpuUs,
    deltaSleepUs: sb.sleepUs - sa.sleepUs,
    children: sorted,
  };
}
