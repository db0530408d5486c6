/**
 * Builds a Trace while the engine runs. Loud about our own bugs: a span on an unknown
 * lane, ending before it starts or overlapping its lane's previous span throws with the
 * details, so a broken model never draws a plausible-looking picture.
 */
import type { Micros } from '../time.ts';
import type { Stack } from '../model/stacks.ts';
import { totalNs, type WorkNs } from '../model/work.ts';
import type { Phase } from './phases.ts';
import {
  byCounter,
  COUNTER_NAMES,
  type CounterDelta,
  type Counters,
  type Lane,
  type MachineTimeline,
  type Span,
  type SpanKind,
  type StateChange,
  type TraceEvent,
  type WorkItem,
} from './types.ts';

export interface SpanInput {
  readonly lane: string;
  readonly kind: SpanKind;
  readonly phase?: Phase;
  readonly name: string;
  readonly startUs: Micros;
  /** Wall time; defaults to the work's total, rounded to whole microseconds. */
  readonly durationUs?: Micros;
  readonly work?: readonly WorkNs[];
  readonly cause?: readonly string[];
  readonly counts?: CounterDelta;
  readonly deps?: readonly number[];
  readonly repeat?: number;
  /** Spans on the same lane may overlap (a lane of several parked threads). */
  readonly allowOverlap?: boolean;
}

export function zeroCounters(): Counters {
  return byCounter(() => 0);
}

const NO_WORK: readonly WorkNs[] = [];

/**
 * (reading choice) Work items a span keeps one by one. A longer list (a BAR decode burst
 * of thousands of ioctls) is merged by call stack: the flame graph sums by stack anyway,
 * and the Trace stays small.
 */
export const MAX_WORK_ITEMS = 64;

/** Sums work of the same stack and kind, in order of first appearance. */
function mergeByStack(work: readonly WorkNs[]): WorkNs[] {
  const order: { stack: Stack; cpu: boolean }[] = [];
  const sums = new Map<Stack, { cpu: number; sleep: number }>();
  for (const w of work) {
    let sum = sums.get(w.stack);
    if (!sum) sums.set(w.stack, (sum = { cpu: -1, sleep: -1 }));
    const k = w.cpu ? 'cpu' : 'sleep';
    if (sum[k] < 0) {
      sum[k] = 0;
      order.push({ stack: w.stack, cpu: w.cpu });
    }
    sum[k] += w.ns;
  }
  return order.map(({ stack, cpu }) => {
    const sum = sums.get(stack);
    return { stack, cpu, ns: (cpu ? sum?.cpu : sum?.sleep) ?? 0 };
  });
}
const COUNTER_SET: ReadonlySet<string> = new Set(COUNTER_NAMES);
const isCounterName = (k: string): k is keyof Counters => COUNTER_SET.has(k);

export class Recorder {
  /**
   * A lean recorder (detail off) checks and keeps every span with its times, phase and
   * counts, so the markers, counters and phase totals are those of a full run, but drops
   * what only the views read: each span's flame work items and dependencies, the events
   * and the machines' state timelines.
   */
  constructor(readonly detail = true) {}

  readonly lanes: Lane[] = [];
  private readonly laneIds = new Set<string>();
  readonly spans: Span[] = [];
  readonly events: TraceEvent[] = [];
  readonly machines: MachineTimeline[] = [];
  private readonly stackIds = new Map<Stack, number>();
  readonly stacks: Stack[] = [];
  private readonly lastOnLane = new Map<string, Span>();
  private totals: Record<keyof Counters, number> = zeroCounters();

  addLane(lane: Lane): void {
    if (this.laneIds.has(lane.id)) throw new Error(`lane ${lane.id} added twice`);
    this.lanes.push(lane);
    this.laneIds.add(lane.id);
  }

  hasLane(id: string): boolean {
    return this.laneIds.has(id);
  }

  span(input: SpanInput): Span {
    if (!this.laneIds.has(input.lane)) throw new Error(`span "${input.name}" on unknown lane ${input.lane}`);
    const work = input.work ?? NO_WORK;
    const durationUs = input.durationUs ?? Math.round(totalNs(work) / 1_000);
    if (!Number.isSafeInteger(durationUs) || durationUs < 0 || !Number.isSafeInteger(input.startUs)) {
      throw new Error(`span "${input.name}" on ${input.lane} has start ${input.startUs} and duration ${durationUs}`);
    }
    const prev = this.lastOnLane.get(input.lane);
    const prevHolds = prev !== undefined && prev.kind !== 'parked' && prev.kind !== 'background';
    if (prevHolds && !input.allowOverlap && prev.endUs > input.startUs) {
      throw new Error(`span "${input.name}" at t=${input.startUs} overlaps "${prev.name}" (ends ${prev.endUs}) on ${input.lane}`);
    }
    let deps: number[] = [];
    let items: WorkItem[] = [];
    if (this.detail) {
      deps = input.deps ? [...input.deps] : [];
      if (prevHolds && !deps.includes(prev.id)) deps.push(prev.id);
      items = this.allocate(work.length > MAX_WORK_ITEMS ? mergeByStack(work) : work, durationUs);
    }
    const counts = input.counts ?? {};
    const id = this.spans.length;
    const { lane, kind, phase, name, startUs } = input;
    const endUs = startUs + durationUs;
    const cause = input.cause ?? [];
    // Literals rather than spreads: the same keys in the same order, without temporary objects.
    const span: { -readonly [K in keyof Span]: Span[K] } = phase
      ? { id, lane, kind, phase, name, startUs, endUs, cause, deps, work: items, counts }
      : { id, lane, kind, name, startUs, endUs, cause, deps, work: items, counts };
    if (input.repeat !== undefined) span.repeat = input.repeat;
    this.spans.push(span);
    this.lastOnLane.set(input.lane, span);
    // Only the keys a span has (most have none): the sums are the same in any key order.
    for (const k in counts) {
      if (!isCounterName(k)) continue;
      const v = counts[k];
      if (v !== undefined) this.totals[k] += v;
    }
    return span;
  }

  /** The latest span recorded on a lane. */
  last(lane: string): Span | undefined {
    return this.lastOnLane.get(lane);
  }

  event(e: TraceEvent): void {
    if (this.detail) this.events.push(e);
  }

  timeline(id: string, machine: string): StateChange[] {
    const states: StateChange[] = [];
    this.machines.push({ id, machine, states });
    return states;
  }

  counters(): Counters {
    return { ...this.totals };
  }

  /** Stacks are interned by key; their frames are looked up only by those who read them. */
  stackId(stack: Stack): number {
    let id = this.stackIds.get(stack);
    if (id === undefined) {
      id = this.stacks.length;
      this.stacks.push(stack);
      this.stackIds.set(stack, id);
    }
    return id;
  }

  /**
   * Integer microseconds per work item that sum exactly to the busy time (largest
   * remainder), so a flame graph adds up to the spans. On a span longer than its work
   * (threads waiting on bandwidth), the items keep their own lengths.
   */
  private allocate(work: readonly WorkNs[], durationUs: Micros): WorkItem[] {
    const sumNs = totalNs(work);
    if (work.length === 0 || sumNs <= 0) return [];
    const targetUs = Math.min(durationUs, Math.round(sumNs / 1_000));
    const exact = work.map((w) => (w.ns / sumNs) * targetUs);
    const floors = exact.map(Math.floor);
    let left = targetUs - floors.reduce((a, b) => a + b, 0);
    const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
    for (const { i } of order) {
      if (left <= 0) break;
      floors[i] = (floors[i] ?? 0) + 1;
      left--;
    }
    const items: WorkItem[] = [];
    work.forEach((w, i) => {
      const us = floors[i] ?? 0;
      if (us > 0) items.push({ stack: this.stackId(w.stack), us, cpu: w.cpu });
    });
    return items;
  }
}
