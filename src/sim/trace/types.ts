/**
 * The Trace: everything a view may know about a run. Views read only this (and analysis
 * of it); the engine writes only this. All times are integer microseconds from QEMU start.
 */
import type { Micros } from '../time.ts';
import type { Scenario } from '../scenario/resolve.ts';
import type { PageEvent, PageState } from '../machines/page.machine.ts';
import type { Phase } from './phases.ts';
import type { Pattern } from '../model/patterns.ts';
import type { MemoryBacking } from '../scenario/schema.ts';
import type { Stack } from '../model/stacks.ts';

export interface Counters {
  /** 4 KiB pages cleared inline by a fault (clear_page_erms on the pin path). */
  readonly pagesZeroed: number;
  /** 4 KiB pages whose zeroing was skipped because they carried PG_zero. */
  readonly zeroingsSkipped: number;
  /** 4 KiB pages the pre-zero worker cleared during the run. */
  readonly pagesPrezeroed: number;
  /** Page-table entries read by get_user_pages walks. */
  readonly pageTableReads: number;
  /** Page-table walks (one per page, per run in bulk, per huge page when batched). */
  readonly pageWalks: number;
  /** get_user_pages / pin_user_pages calls. */
  readonly gupCalls: number;
  /** Page faults taken while pinning or preallocating (one per backing page). */
  readonly pageFaults: number;
  /** 4 KiB pages pinned by a map of a range never pinned before in this container. */
  readonly pagesPinned: number;
  /** 4 KiB pages pinned again after an unmap (PAM re-pins). */
  readonly pagesRepinned: number;
  readonly dmaMapIoctls: number;
  readonly dmaUnmapIoctls: number;
  /** Maps QEMU answered from its own tracking instead of an ioctl. */
  readonly dmaMapsSkipped: number;
  readonly pciResets: number;
  readonly pciResetsSkipped: number;
  readonly memslotsCreated: number;
}

export const COUNTER_NAMES = [
  'pagesZeroed',
  'zeroingsSkipped',
  'pagesPrezeroed',
  'pageTableReads',
  'pageWalks',
  'gupCalls',
  'pageFaults',
  'pagesPinned',
  'pagesRepinned',
  'dmaMapIoctls',
  'dmaUnmapIoctls',
  'dmaMapsSkipped',
  'pciResets',
  'pciResetsSkipped',
  'memslotsCreated',
] as const satisfies readonly (keyof Counters)[];

export type CounterDelta = Partial<Record<keyof Counters, number>>;

/** A record over every counter, built without casts. */
export function byCounter<V>(f: (k: keyof Counters) => V): Record<keyof Counters, V> {
  return {
    pagesZeroed: f('pagesZeroed'), zeroingsSkipped: f('zeroingsSkipped'), pagesPrezeroed: f('pagesPrezeroed'),
    pageTableReads: f('pageTableReads'), pageWalks: f('pageWalks'), gupCalls: f('gupCalls'), pageFaults: f('pageFaults'),
    pagesPinned: f('pagesPinned'), pagesRepinned: f('pagesRepinned'), dmaMapIoctls: f('dmaMapIoctls'),
    dmaUnmapIoctls: f('dmaUnmapIoctls'), dmaMapsSkipped: f('dmaMapsSkipped'), pciResets: f('pciResets'),
    pciResetsSkipped: f('pciResetsSkipped'), memslotsCreated: f('memslotsCreated'),
  };
}

export type LaneGroup = 'management' | 'qemu' | 'kernel' | 'device' | 'guest';

export interface Lane {
  readonly id: string;
  readonly label: string;
  readonly group: LaneGroup;
}

/**
 * phase: one occurrence of a pipeline phase on the lane that owns it (the `phases` list).
 * work: the same work seen on a helper thread or a device (reset threads, pin threads).
 * blocked: a thread waiting in an ioctl for work on other lanes.
 * waiting: idle waiting for another process (libvirt waiting for QMP).
 * background: work off the pipeline (the pre-zero worker).
 * parked: a vCPU thread created but not running.
 * guest: what the guest is doing, as the guest sees it.
 */
export type SpanKind = 'phase' | 'work' | 'blocked' | 'waiting' | 'background' | 'parked' | 'guest';

export interface WorkItem {
  /** Index into Trace.stacks. */
  readonly stack: number;
  readonly us: Micros;
  /** false for sleeps (resets, boot menu): wall time without CPU. */
  readonly cpu: boolean;
}

export interface Span {
  readonly id: number;
  readonly lane: string;
  readonly kind: SpanKind;
  readonly phase?: Phase;
  readonly name: string;
  readonly startUs: Micros;
  readonly endUs: Micros;
  /** Scenario fields that decide this span's length, as dotted paths. */
  readonly cause: readonly string[];
  /** Spans that had to end before this one could start. */
  readonly deps: readonly number[];
  /** Where the time went, by call stack; sums to endUs - startUs on busy lanes. */
  readonly work: readonly WorkItem[];
  /** Counter increments, spread evenly over the span. */
  readonly counts: CounterDelta;
  /** How many times the work repeats inside the span ("PAM re-pin x13"). */
  readonly repeat?: number;
}

export type TraceEvent =
  | { readonly type: 'vfio.map'; readonly t: Micros; readonly lane: string; readonly region: number; readonly pages4K: number; readonly repin: boolean }
  | { readonly type: 'vfio.unmap'; readonly t: Micros; readonly lane: string; readonly region: number; readonly pages4K: number }
  | { readonly type: 'vfio.map.skipped'; readonly t: Micros; readonly lane: string; readonly region: number }
  | { readonly type: 'vfio.unmap.deferred'; readonly t: Micros; readonly lane: string; readonly region: number }
  /**
   * VFIO ioctls of one container counted but not recorded one by one, issued between t and
   * endUs: those of regions past the container's detail window, and BAR decode cycles that
   * repeat the previous cycle exactly. Trace.counters include them.
   */
  | {
    readonly type: 'vfio.folded'; readonly t: Micros; readonly endUs: Micros; readonly lane: string; readonly container: number;
    readonly maps: number; readonly unmaps: number; readonly mapsSkipped: number; readonly unmapsDeferred: number;
    /** 4 KiB pages those maps pinned again. */
    readonly repinned4K: number;
  }
  | { readonly type: 'pci.reset'; readonly t: Micros; readonly lane: string; readonly device: number; readonly reason: ResetReason; readonly endUs: Micros }
  | { readonly type: 'pci.reset.skipped'; readonly t: Micros; readonly lane: string; readonly device: number; readonly reason: ResetReason }
  | { readonly type: 'pam.write'; readonly t: Micros; readonly lane: string; readonly index: number; readonly merged: boolean }
  | { readonly type: 'bar.decode'; readonly t: Micros; readonly lane: string; readonly device: number; readonly on: boolean };

export type ResetReason = 'device-open' | 'system-reset';

export interface Markers {
  readonly qemuStartUs: Micros;
  readonly vcpuStartUs: Micros;
  readonly firstKernelLogUs: Micros;
}

export interface IovaRegion {
  readonly id: number;
  readonly container: number;
  readonly kind: 'ram' | 'bar';
  readonly label: string;
  readonly startIova: number;
  readonly endIova: number;
  /** The region machine's states over time. */
  readonly states: readonly StateChange[];
}

export interface StateChange {
  readonly t: Micros;
  readonly state: string;
}

/** A guest-physical segment for drawing the address space (not every one is RAM). */
export interface GuestSegment {
  readonly label: string;
  readonly kind: 'ram' | 'vga' | 'bios-shadow' | 'pci-hole' | 'bar';
  readonly start: number;
  readonly end: number;
}

/**
 * A sweep of one page event over a range of backing pages, page i reached at
 * t0 + (i - start) * (t1 - t0) / (end - start). With the initial states and the two
 * patterns this rebuilds any page's history (trace/pages.ts).
 */
export interface PageOp {
  readonly event: PageEvent['type'];
  readonly start: number;
  readonly end: number;
  readonly t0: Micros;
  readonly t1: Micros;
}

export interface MemoryTrace {
  readonly backing: MemoryBacking;
  readonly pageBytes: number;
  readonly totalPages: number;
  /** Levels read per walk: 4 for 4 KiB, 3 for 2 MiB, 2 for 1 GiB. */
  readonly walkLevels: number;
  /** Initial state of pages outside / inside the pre-zeroed pattern. */
  readonly initialA: PageState;
  readonly initialB: PageState;
  readonly prezeroed: Pattern;
  /** Run boundaries of physical contiguity (fragmentation); runs never exceed maxRunPages. */
  readonly runBreaks: Pattern;
  readonly maxRunPages: number;
  readonly bulk: boolean;
  /** Every page sweep, whole-guest (bounded: one per map, unmap, prealloc and worker pass). */
  readonly ops: readonly PageOp[];
  /** The detail window views draw by default: the first pages in guest order. */
  readonly window: { readonly start: number; readonly count: number };
}

export interface MachineTimeline {
  readonly id: string;
  readonly machine: string;
  readonly states: readonly StateChange[];
}

export interface Trace {
  readonly modelVersion: string;
  readonly seed: number;
  readonly scenario: Scenario;
  readonly lanes: readonly Lane[];
  readonly spans: readonly Span[];
  readonly events: readonly TraceEvent[];
  readonly markers: Markers;
  readonly counters: Counters;
  /**
   * Interned call stacks, by key; WorkItem.stack indexes this. traceStacks() in
   * model/stack-frames.ts gives their frames, outermost first.
   */
  readonly stacks: readonly Stack[];
  readonly memory: MemoryTrace;
  readonly iova: {
    readonly regions: readonly IovaRegion[];
    readonly segments: readonly GuestSegment[];
    /**
     * Containers whose detail window closed, and when: after t their regions keep no
     * history and their ioctls are only counted (`vfio.folded`). Absent when none closed.
     */
    readonly detailEnds?: readonly { readonly container: number; readonly t: Micros }[];
  };
  readonly machines: readonly MachineTimeline[];
}
