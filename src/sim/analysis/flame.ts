/**
 * The flame graph's data: a call tree of simulated time built from the Trace's work items
 * (Span.work), as the talk's flame graph shows perf samples. Time stays split by kind in
 * every node: on-CPU time (cpuUs) and off-CPU time (sleepUs: PCI reset sleeps, the halted
 * boot menu), so a view can draw or hide sleeps without a second tree, and `time` builds a
 * tree of one kind only.
 *
 * Shape: the root, then one node per lane (the thread the time was spent on), then the
 * stack's frames outermost first. The first frame of every stack names its thread
 * ("qemu: main", "kernel: kworker"), so `group: 'stack'` drops the lane level and merges
 * the same thread's stacks across lanes (pin threads, reset threads), like perf does.
 * Children are sorted by name, the flame graph convention, so two trees line up.
 */
import type { Micros } from '../time.ts';
import type { Trace } from '../trace/types.ts';
import { traceStacks } from '../model/stack-frames.ts';

export type FlameTimeKind = 'all' | 'cpu' | 'sleep';

export interface FlameOptions {
  /** Only these lanes, by id (default: every lane). */
  readonly lanes?: readonly string[];
  /** 'all' (default) keeps both kinds, apart; 'cpu' or 'sleep' keeps one kind only. */
  readonly time?: FlameTimeKind;
  /** 'lane' (default): a root per lane; 'stack': lanes merged, stacks rooted at their thread frame. */
  readonly group?: 'lane' | 'stack';
}

export type FlameNodeKind = 'root' | 'lane' | 'frame';

export interface FlameNode {
  /** What identifies the node among its siblings: the frame, `lane:<id>` for a lane, '' for the root. */
  readonly key: string;
  /** What a view prints: the frame, or the lane's label. */
  readonly name: string;
  readonly kind: FlameNodeKind;
  /** Time in this node and everything it called: totalUs = cpuUs + sleepUs. */
  readonly totalUs: Micros;
  readonly cpuUs: Micros;
  readonly sleepUs: Micros;
  /** Time in this frame itself, not in a callee (0 for the root and lanes). */
  readonly selfUs: Micros;
  readonly selfCpuUs: Micros;
  readonly selfSleepUs: Micros;
  /** All of this node's time is off-CPU (a sleep), drawn apart from CPU time. */
  readonly offCpu: boolean;
  readonly children: readonly FlameNode[];
}

/** A node under construction; frozen into a FlameNode at the end. */
class Builder {
  readonly children = new Map<string, Builder>();
  cpuUs = 0;
  sleepUs = 0;
  selfCpuUs = 0;
  selfSleepUs = 0;

  constructor(
    readonly key: string,
    readonly name: string,
    readonly kind: FlameNodeKind,
  ) {}

  child(key: string, name: string, kind: FlameNodeKind): Builder {
    let c = this.children.get(key);
    if (!c) {
      c = new Builder(key, name, kind);
      this.children.set(key, c);
    }
    return c;
  }

  add(us: Micros, cpu: boolean, self: boolean): void {
    if (cpu) this.cpuUs += us;
    else this.sleepUs += us;
    if (self && cpu) this.selfCpuUs += us;
    if (self && !cpu) this.selfSleepUs += us;
  }

  freeze(sortChildren: boolean): FlameNode {
    const kids = [...this.children.values()];
    // Lanes keep the Trace's order (threads as the timeline shows them); frames sort by name.
    if (sortChildren) kids.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const totalUs = this.cpuUs + this.sleepUs;
    return {
      key: this.key,
      name: this.name,
      kind: this.kind,
      totalUs,
      cpuUs: this.cpuUs,
      sleepUs: this.sleepUs,
      selfUs: this.selfCpuUs + this.selfSleepUs,
      selfCpuUs: this.selfCpuUs,
      selfSleepUs: this.selfSleepUs,
      offCpu: totalUs > 0 && this.cpuUs === 0,
      children: kids.map((k) => k.freeze(true)),
    };
  }
}

const laneKey = (id: string) => `lane:${id}`;

function keeps(time: FlameTimeKind, cpu: boolean): boolean {
  return time === 'all' || (time === 'cpu') === cpu;
}

/** Microseconds per (lane, stack, kind): the Trace's work items summed before they enter the tree. */
function sumWork(trace: Trace, lanes: ReadonlySet<string> | undefined, time: FlameTimeKind): Map<string, Map<number, { cpu: Micros; sleep: Micros }>> {
  const out = new Map<string, Map<number, { cpu: Micros; sleep: Micros }>>();
  for (const span of trace.spans) {
    if (lanes && !lanes.has(span.lane)) continue;
    for (const w of span.work) {
      if (!keeps(time, w.cpu)) continue;
      let byStack = out.get(span.lane);
      if (!byStack) {
        byStack = new Map();
        out.set(span.lane, byStack);
      }
      let t = byStack.get(w.stack);
      if (!t) {
        t = { cpu: 0, sleep: 0 };
        byStack.set(w.stack, t);
      }
      if (w.cpu) t.cpu += w.us;
      else t.sleep += w.us;
    }
  }
  return out;
}

function addStack(root: Builder, top: Builder, stack: readonly string[], us: Micros, cpu: boolean): void {
  if (us <= 0) return;
  if (top !== root) root.add(us, cpu, false);
  top.add(us, cpu, stack.length === 0);
  let node = top;
  stack.forEach((frame, i) => {
    node = node.child(frame, frame, 'frame');
    node.add(us, cpu, i === stack.length - 1);
  });
}

export function flameTree(trace: Trace, options: FlameOptions = {}): FlameNode {
  const time = options.time ?? 'all';
  const mergeLanes = options.group === 'stack';
  const lanes = options.lanes ? new Set(options.lanes) : undefined;
  const root = new Builder('', 'all', 'root');
  const work = sumWork(trace, lanes, time);
  const stacks = traceStacks(trace);
  for (const lane of trace.lanes) {
    const byStack = work.get(lane.id);
    if (!byStack) continue;
    const top = mergeLanes ? root : root.child(laneKey(lane.id), lane.label, 'lane');
    for (const [stackIndex, t] of byStack) {
      const stack = stacks[stackIndex];
      if (!stack) throw new Error(`a work item on lane ${lane.id} points at stack ${stackIndex}, but the Trace has ${trace.stacks.length} stacks`);
      addStack(root, top, stack, t.cpu, true);
      addStack(root, top, stack, t.sleep, false);
    }
  }
  return root.freeze(mergeLanes);
}

/** Busy time per lane: the sum of the work microseconds of the lane's spans (lanes without work: 0). */
export function laneBusyUs(trace: Trace): Readonly<Record<string, Micros>> {
  const out: Record<string, Micros> = {};
  for (const lane of trace.lanes) out[lane.id] = 0;
  for (const span of trace.spans) for (const w of span.work) out[span.lane] = (out[span.lane] ?? 0) + w.us;
  return out;
}

/** The lane's subtree of a tree grouped by lane. */
export function laneNode(tree: FlameNode, laneId: string): FlameNode | undefined {
  return tree.children.find((c) => c.key === laneKey(laneId));
}

export interface FlameMatch {
  /** Names from the root's child down to the matching node. */
  readonly path: readonly string[];
  readonly node: FlameNode;
}

export interface FlameSearch {
  readonly query: string;
  /** Every frame that matches, in depth-first order. */
  readonly matches: readonly FlameMatch[];
  /** Time under matching frames; a match inside another match is not counted twice. */
  readonly totalUs: Micros;
  readonly cpuUs: Micros;
  readonly sleepUs: Micros;
  /** totalUs over the root's total (0 for an empty tree). */
  readonly share: number;
}

export interface SearchOptions {
  /** Match the whole frame name rather than a part of it. Either way case does not matter. */
  readonly exact?: boolean;
}

/** The flame graph's search box: frames whose name contains the query, and the time they cover. */
export function searchFlame(tree: FlameNode, query: string, options: SearchOptions = {}): FlameSearch {
  const q = query.toLowerCase();
  const matches: FlameMatch[] = [];
  let cpuUs = 0;
  let sleepUs = 0;
  const visit = (node: FlameNode, path: readonly string[], inMatch: boolean): void => {
    const name = node.name.toLowerCase();
    const hit = node.kind === 'frame' && q !== '' && (options.exact ? name === q : name.includes(q));
    const here = node.kind === 'root' ? path : [...path, node.name];
    if (hit) {
      matches.push({ path: here, node });
      if (!inMatch) {
        cpuUs += node.cpuUs;
        sleepUs += node.sleepUs;
      }
    }
    for (const c of node.children) visit(c, here, inMatch || hit);
  };
  visit(tree, [], false);
  const totalUs = cpuUs + sleepUs;
  return { query, matches, totalUs, cpuUs, sleepUs, share: tree.totalUs > 0 ? totalUs / tree.totalUs : 0 };
}

/** The tree as folded stacks ("frame;frame;frame microseconds"), for flamegraph.pl or speedscope. */
export function foldedStacks(tree: FlameNode): string[] {
  const lines: string[] = [];
  const visit = (node: FlameNode, path: readonly string[]): void => {
    const here = node.kind === 'root' ? path : [...path, node.name.replaceAll(';', ':')];
    if (node.selfUs > 0) lines.push(`${here.join(';')} ${node.selfUs}`);
    for (const c of node.children) visit(c, here);
  };
  visit(tree, []);
  return lines;
}
