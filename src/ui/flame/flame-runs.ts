/**
 * The runs the Flame tab compares and their call trees. A is the pinned run when there is
 * one, else the talk's baseline of the current scenario (every fix reverted), as on the
 * Compare page. Runs and trees are memoized on the objects they come from (a new run
 * brings a new Trace), so redrawing never re-simulates.
 */
import { talkBaseline } from '../../sim/analysis/attribution.ts';
import { flameTree, type FlameNode, type FlameTimeKind } from '../../sim/analysis/flame.ts';
import { diffFlame, type FlameDiffNode } from '../../sim/analysis/flame-diff.ts';
import { functionTable, type FunctionTable } from '../../sim/analysis/functions.ts';
import { run } from '../../sim/engine/run.ts';
import type { Scenario } from '../../sim/scenario/resolve.ts';
import type { Trace } from '../../sim/trace/types.ts';

/** One run, both runs on one scale, or their difference. */
export type FlameMode = 'b' | 'ab' | 'diff';
/** Where A comes from. */
export type ASource = 'baseline' | 'pinned';

export type HoverNode = { readonly kind: 'plain'; readonly node: FlameNode; readonly run: string } | { readonly kind: 'diff'; readonly node: FlameDiffNode };

/** A graph reports the frame under the pointer (undefined when it leaves) to the view, which places the card. */
export type FlameHoverHandler = (h: { readonly node: HoverNode; readonly path: readonly string[] } | undefined, clientX: number, clientY: number) => void;

const baselines = new WeakMap<Scenario, Trace>();

/** The talk's baseline of a scenario, run once per scenario object. */
export function baselineTrace(s: Scenario): Trace {
  let t = baselines.get(s);
  if (!t) {
    t = run(talkBaseline(s));
    baselines.set(s, t);
  }
  return t;
}

const trees = new WeakMap<Trace, Map<FlameTimeKind, FlameNode>>();

/** Lanes first, then stacks: the tree the graph draws, per time kind. */
export function treeOf(trace: Trace, time: FlameTimeKind): FlameNode {
  let byKind = trees.get(trace);
  if (!byKind) {
    byKind = new Map();
    trees.set(trace, byKind);
  }
  let t = byKind.get(time);
  if (!t) {
    t = flameTree(trace, { time });
    byKind.set(time, t);
  }
  return t;
}

const diffs = new WeakMap<FlameNode, WeakMap<FlameNode, FlameDiffNode>>();

export function diffOf(a: FlameNode, b: FlameNode): FlameDiffNode {
  let byB = diffs.get(a);
  if (!byB) {
    byB = new WeakMap();
    diffs.set(a, byB);
  }
  let d = byB.get(b);
  if (!d) {
    d = diffFlame(a, b);
    byB.set(b, d);
  }
  return d;
}

const tables = new WeakMap<Trace, WeakMap<Trace, FunctionTable>>();

export function tableOf(a: Trace, b: Trace): FunctionTable {
  let byB = tables.get(a);
  if (!byB) {
    byB = new WeakMap();
    tables.set(a, byB);
  }
  let t = byB.get(b);
  if (!t) {
    t = functionTable(a, b);
    byB.set(b, t);
  }
  return t;
}

/** Lane labels by the lane keys flameTree uses ("lane:qemu-main" -> "QEMU main"). */
export function laneLabels(...traces: readonly Trace[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const t of traces) for (const l of t.lanes) out.set(`lane:${l.id}`, l.label);
  return out;
}
