/**
 * run(scenario) -> Trace. Pure and deterministic: the pipeline machine and its children run
 * on a simulated clock; the steps price each transition; the Trace records all of it.
 */
import { type AnyActorRef, createActor } from 'xstate';
import { pipelineMachine } from '../machines/pipeline.machine.ts';
import { splitPamWrites } from '../machines/firmware.machine.ts';
import type { Ports } from '../machines/ports.ts';
import type { Scenario } from '../scenario/resolve.ts';
import { MAX_PREALLOC_THREADS } from '../scenario/warnings.ts';
import { walkLevels, maxRunPages } from '../model/pages.ts';
import { MODEL_VERSION } from '../version.ts';
import type { Micros } from '../time.ts';
import type { Counters, IovaRegion, Markers, Span, Trace } from '../trace/types.ts';
import { BiosSteps, GUEST_LANE } from './bios-steps.ts';
import { HostState } from './host-state.ts';
import { deviceLane, InitSteps, MAIN, VCPU0 } from './init-steps.ts';
import { DETAIL_WINDOW_PAGES } from './memory-ops.ts';
import { WORKER_LANE, WorkerClock } from './worker.ts';

function addLanes(h: HostState): void {
  const s = h.s;
  h.lane('libvirt', 'libvirt', 'management');
  h.lane(MAIN, 'QEMU main', 'qemu');
  if (s.guest.prealloc.enabled) {
    const n = Math.max(1, Math.min(s.guest.prealloc.threads, MAX_PREALLOC_THREADS, s.host.hostCpus));
    for (let k = 0; k < n; k++) h.lane(`prealloc${k}`, `touch_pages ${k}`, 'qemu');
  }
  h.lane(VCPU0, 'vCPU 0', 'qemu');
  if (s.guest.vcpus > 1) h.lane('vcpus', `vCPU 1–${s.guest.vcpus - 1}`, 'qemu');
  const pinThreads = Math.min(s.optimizations.pinThreads, s.host.hostCpus);
  if (pinThreads > 1 && s.devices.count > 0) for (let k = 0; k < pinThreads; k++) h.lane(`pin${k}`, `pin thread ${k}`, 'kernel');
  if (s.optimizations.prezeroFreePages) h.lane(WORKER_LANE, 'pre-zero worker', 'kernel');
  for (let d = 0; d < s.devices.count; d++) h.lane(deviceLane(d), `reset · gpu${d}`, 'device');
  h.lane(GUEST_LANE, 'guest firmware', 'guest');
}

function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => `${k}.${stateString(v)}`).join(', ');
  }
  return String(value);
}

/** A full run: everything every view shows. */
export function run(scenario: Scenario): Trace {
  const { h, markers } = simulate(scenario, true);
  return assemble(h, markers);
}

/**
 * What a lean run keeps: the markers, the counters and every span with its times, phase
 * and counts, exactly as a full run records them. The spans carry no work items or
 * dependencies (those feed the flame graph and critical path only).
 */
export interface RunSummary {
  readonly markers: Markers;
  readonly counters: Counters;
  readonly spans: readonly Span[];
}

/**
 * A lean run for sweeps: the same machines and steps as run(), with the recorder keeping
 * only what the measures, counters and phase totals need (no events, page sweeps, IOVA
 * state history, machine timelines or flame stacks).
 */
export function runSummary(scenario: Scenario): RunSummary {
  const { h, markers } = simulate(scenario, false);
  return { markers, counters: h.rec.counters(), spans: h.rec.spans };
}

function simulate(scenario: Scenario, detail: boolean): { h: HostState; markers: Markers } {
  const h = new HostState(scenario, detail);
  addLanes(h);
  const worker = new WorkerClock(h);
  const init = new InitSteps(h, worker);
  const bios = new BiosSteps(h);
  const markers: { vcpuStartUs?: Micros; firstKernelLogUs?: Micros } = {};
  let workerRef: AnyActorRef | undefined;

  const ports: Ports = {
    qemuStart: () => init.qemuStart(),
    prealloc: () => init.prealloc(),
    ramMemslots: () => init.ramMemslots(),
    containerMap: (gpu) => init.containerMap(gpu),
    barMmap: (gpu) => init.barMmap(gpu),
    systemResetBegin: () => init.systemResetBegin(),
    beginWait: (phase) => init.beginWait(phase),
    endWait: () => init.endWait(),
    libvirtCont: () => init.libvirtCont(),
    vcpuStart: () => {
      markers.vcpuStartUs = h.now();
      h.rec.span({ lane: VCPU0, kind: 'parked', name: 'created, waiting for cont', startUs: init.vcpuThreadsFrom,
        durationUs: h.now() - init.vcpuThreadsFrom, cause: [] });
      bios.start(h.rec.last('libvirt')?.id);
    },
    firstKernelLog: () => {
      markers.firstKernelLogUs = h.now();
      bios.end();
    },
    reset: (gpu, reason, onThread) => init.reset(gpu, reason, onThread),
    resetQueueWait: (gpu) => init.resetQueueWait(gpu),
    skipReset: (gpu, reason) => init.skipReset(gpu, reason),
    post: (segment) => bios.post(segment),
    pamWrite: (i) => bios.pamWrite(i),
    enableBars: (gpu) => bios.enableBars(gpu),
    bootMenu: () => bios.bootMenu(),
    grub: () => bios.grub(),
    kernelLoad: () => bios.kernelLoad(),
    workerStart: () => worker.start(() => workerRef?.send({ type: 'worker.caughtUp' })),
  };

  // Each machine's states over time, for the statechart view. Subscriptions are cheaper than
  // inspecting every event; an actor invoked later (the firmware) is picked up when it appears.
  const watched = new Set<string>();
  const watch = (id: string, machine: string, ref: AnyActorRef | undefined) => {
    if (!detail || !ref || watched.has(id)) return;
    watched.add(id);
    const states = h.rec.timeline(id, machine);
    const record = (value: unknown) => {
      const v = stateString(value);
      if (states[states.length - 1]?.state !== v) states.push({ t: h.now(), state: v });
    };
    record(ref.getSnapshot().value);
    // A failure is reported once, by the pipeline's error observer below: xstate rethrows an
    // error later, outside run(), to any observer that has no error handler of its own.
    ref.subscribe({ next: (snap: { value?: unknown }) => record(snap.value), error: () => undefined });
  };

  const s = scenario;
  const freeCounts = h.mem.extents.stateCounts(0, h.mem.totalPages);
  const actor = createActor(pipelineMachine, {
    id: 'pipeline',
    clock: h.clock,
    input: {
      ports,
      devices: s.devices.count,
      sharedContainer: s.devices.sharedContainer,
      preallocates: s.guest.prealloc.enabled,
      parallelResets: s.optimizations.parallelResets,
      overlapResetWithDmaMap: s.optimizations.overlapResetWithDmaMap,
      skipRedundantReset: s.optimizations.skipRedundantReset,
      prezeroFreePages: s.optimizations.prezeroFreePages,
      hasDirtyFreePages: h.mem.prezeroReaches && (freeCounts.dirtyFree ?? 0) > 0,
      firmware: {
        pamWrites: splitPamWrites(s.firmware.pamWrites),
        devices: s.devices.count,
        bootMenu: s.firmware.bootMenu,
      },
    },
  });
  // A step that throws is a bug in the model: surface it here, synchronously, with its message.
  let failure: unknown;
  actor.subscribe({
    next: (snap) => watch('firmware', 'firmware', snap.children.firmware),
    error: (err) => (failure = err),
  });
  actor.start();
  watch('pipeline', 'pipeline', actor);
  const children = actor.getSnapshot().children;
  for (let d = 0; d < s.devices.count; d++) watch(`gpu${d}`, 'pci-device', children[`gpu${d}`]);
  workerRef = children.zeroWorker;
  watch('zeroWorker', 'zero-worker', workerRef);
  h.clock.runUntil(() => failure !== undefined || actor.getSnapshot().status !== 'active');
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  const end = markers.firstKernelLogUs;
  if (markers.vcpuStartUs === undefined || end === undefined) {
    throw new Error(`the pipeline stopped before the first kernel log, in ${stateString(actor.getSnapshot().value)} at t=${h.now()}`);
  }
  worker.close(end);
  if (s.guest.vcpus > 1) {
    h.rec.span({ lane: 'vcpus', kind: 'parked', name: 'parked until the kernel starts them', startUs: init.vcpuThreadsFrom,
      durationUs: end - init.vcpuThreadsFrom, cause: [] });
  }
  actor.stop();
  return { h, markers: { qemuStartUs: 0, vcpuStartUs: markers.vcpuStartUs, firstKernelLogUs: end } };
}

function assemble(h: HostState, markers: Markers): Trace {
  const regions: IovaRegion[] = [];
  for (const c of h.containers) {
    for (const r of c.listener.regions) {
      const bar = h.isBar(r.range);
      regions.push({
        id: r.id, container: c.index, kind: bar ? 'bar' : 'ram', label: bar ? 'BAR' : 'RAM',
        startIova: r.range.start, endIova: r.range.end, states: r.states,
      });
    }
  }
  const detailEnds = h.containers.flatMap((c) => (c.listener.detailEndUs === undefined ? [] : [{ container: c.index, t: c.listener.detailEndUs }]));
  const s = h.s;
  const mem = h.mem;
  return {
    modelVersion: MODEL_VERSION,
    seed: s.seed,
    scenario: s,
    lanes: h.rec.lanes,
    spans: h.rec.spans,
    events: h.rec.events,
    markers,
    counters: h.rec.counters(),
    stacks: h.rec.stacks,
    memory: {
      backing: s.guest.memoryBacking,
      pageBytes: mem.pageBytes,
      totalPages: mem.totalPages,
      walkLevels: walkLevels(s.guest.memoryBacking),
      initialA: mem.initialA,
      initialB: mem.initialB,
      prezeroed: mem.prezeroed,
      runBreaks: mem.runBreaks,
      maxRunPages: maxRunPages(s.guest.memoryBacking),
      bulk: s.optimizations.bulkPinning,
      ops: mem.ops,
      window: { start: 0, count: Math.min(DETAIL_WINDOW_PAGES, mem.totalPages) },
    },
    iova: detailEnds.length > 0 ? { regions, segments: h.layout.segments, detailEnds } : { regions, segments: h.layout.segments },
    machines: h.rec.machines,
  };
}
