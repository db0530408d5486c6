/**
 * A busy host: VMs created and destroyed back to back, and what that does to pre-zeroing
 * (the talk's limitation: "page allocation speed remains the same when pages were not
 * zeroed out in time"), with the cost reviewers raised: the worker's CPU time and the
 * memory bandwidth it takes from everyone else.
 *
 * VM i starts at i * interval and is destroyed `lifetime` later. When it starts it takes
 * its memory from the free pool (busy-host-pool.ts has the pool's assumptions), and its
 * creation is the engine's run of its scenario with host.freePool.prezeroedShare set to
 * the share of its pages that carried PG_zero. That run also races the worker against the
 * pin front over the VM's own pages; the worker spends that race on the VM and its CPU
 * time there counts too. A VM that does not fit in the free memory is turned away.
 * Without optimizations.prezeroFreePages (or on hugetlbfs without the hugetlb RFC) there
 * is no worker and no page carries PG_zero.
 */
import { run } from '../engine/run.ts';
import { WORKER_LANE } from '../engine/worker.ts';
import { backingPageBytes } from '../model/pages.ts';
import { workerBytesPerNs, workerDutyCycle } from '../model/prezero.ts';
import { zeroNsPerPage } from '../model/zeroing.ts';
import { validateScenarioValue } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/resolve.ts';
import { type Micros, US_PER_S } from '../time.ts';
import { GiB, PAGE_4K } from '../units.ts';
import { type Allocation, FreePool, type PoolSample } from './busy-host-pool.ts';
import { measures } from './measures.ts';
import { setPath } from './sweep-axis.ts';

export type { Allocation, PoolSample } from './busy-host-pool.ts';

export interface BusyHostParams {
  /** Every VM's scenario as written (default: the talk's defaults with pre-zeroing on). */
  readonly scenario?: unknown;
  /** Overrides guest.ramGiB of the scenario. */
  readonly vmRamGiB?: number;
  /** Override host.prezeroWorker.batchMiB and delayMs of the scenario. */
  readonly workerBatchMiB?: number;
  readonly workerDelayMs?: number;
  /** Free memory when the first VM arrives. */
  readonly hostFreeGiB: number;
  /** Time between two VMs' starts. */
  readonly intervalS: number;
  /** How long each VM lives before it is destroyed. */
  readonly lifetimeS: number;
  readonly count: number;
  /** Share of the free memory carrying PG_zero at the start (default 1: a quiet host). */
  readonly initialZeroedShare?: number;
  /** Which free pages a new VM gets first (default 'dirty-first'). */
  readonly allocation?: Allocation;
}

export interface BusyHostProblem {
  readonly message: string;
  readonly field?: string;
}

export type BusyHostVm =
  | {
      readonly index: number;
      readonly placed: true;
      readonly startUs: Micros;
      readonly destroyUs: Micros;
      /** Share of its pages carrying PG_zero when it started: what its run used. */
      readonly prezeroedShare: number;
      readonly vmCreationMs: number;
      readonly vmInitializationMs: number;
      readonly biosExecutionMs: number;
      /** 4 KiB pages the worker cleared during its creation, racing the pin front. */
      readonly racePages4K: number;
    }
  | { readonly index: number; readonly placed: false; readonly startUs: Micros; readonly reason: string };

export interface BusyHostSummary {
  readonly horizonUs: Micros;
  readonly workerPresent: boolean;
  /** Share of its working time the worker spends clearing (the rest it sleeps between batches). */
  readonly workerDutyCycle: number;
  readonly workerCpuUs: Micros;
  readonly workerCpuSPerHour: number;
  readonly workerZeroedGiB: number;
  /** Bandwidth the worker took, averaged over the horizon (GB/s = bytes/ns). */
  readonly workerAvgGBps: number;
  /** While it clears, one thread at full zeroing speed, and its share of the host's memory bandwidth. */
  readonly workerPeakGBps: number;
  readonly workerPeakShareOfHostBandwidth: number;
  /** What the worker can clear per second when it has work, against what the churn frees. */
  readonly capacityGBps: number;
  readonly demandGBps: number;
  /** Seconds the worker needs to re-zero one VM's memory (absent without a worker). */
  readonly rezeroOneVmS?: number;
  readonly vmsFullyZeroed: number;
  readonly vmsPartlyZeroed: number;
  readonly vmsNotZeroed: number;
  readonly vmsRejected: number;
  /** Every placed VM found all its pages zeroed. */
  readonly keptUp: boolean;
  readonly creationMs: { readonly first: number; readonly last: number; readonly min: number; readonly max: number; readonly mean: number };
}

export interface BusyHostResult {
  readonly vms: readonly BusyHostVm[];
  readonly pool: readonly PoolSample[];
  readonly summary: BusyHostSummary;
}

export type BusyHostCheck = { readonly ok: true; readonly scenario: Scenario; readonly input: unknown } | { readonly ok: false; readonly problems: readonly BusyHostProblem[] };

/** Most VMs one simulation creates: each is a run of a few milliseconds. */
export const MAX_BUSY_HOST_VMS = 2_000;

const DEFAULT_SCENARIO = { optimizations: { prezeroFreePages: true } };

function positive(name: string, v: number, max: number): BusyHostProblem[] {
  if (!Number.isFinite(v) || v <= 0) return [{ field: name, message: `${name} must be a number above 0; it is ${v}.` }];
  if (v > max) return [{ field: name, message: `${name} is ${v}, above the largest this simulation takes (${max.toLocaleString('en-US')}).` }];
  return [];
}

/** Checks the parameters and builds the VMs' scenario (the editor's messages for its fields). */
export function checkBusyHost(p: BusyHostParams): BusyHostCheck {
  const problems: BusyHostProblem[] = [
    ...positive('hostFreeGiB', p.hostFreeGiB, 1_048_576),
    ...positive('intervalS', p.intervalS, 1e7),
    ...positive('lifetimeS', p.lifetimeS, 1e8),
  ];
  if (!Number.isInteger(p.count) || p.count < 1 || p.count > MAX_BUSY_HOST_VMS) {
    problems.push({ field: 'count', message: `count must be a whole number from 1 to ${MAX_BUSY_HOST_VMS.toLocaleString('en-US')}; it is ${p.count}.` });
  }
  const share = p.initialZeroedShare ?? 1;
  if (!(share >= 0 && share <= 1)) problems.push({ field: 'initialZeroedShare', message: `initialZeroedShare must be from 0 to 1; it is ${share}.` });
  let input: unknown = p.scenario ?? DEFAULT_SCENARIO;
  if (p.vmRamGiB !== undefined) input = setPath(input, ['guest', 'ramGiB'], p.vmRamGiB);
  if (p.workerBatchMiB !== undefined) input = setPath(input, ['host', 'prezeroWorker', 'batchMiB'], p.workerBatchMiB);
  if (p.workerDelayMs !== undefined) input = setPath(input, ['host', 'prezeroWorker', 'delayMs'], p.workerDelayMs);
  const v = validateScenarioValue(input);
  if (!v.ok) problems.push(...v.problems.map((x) => ({ message: x.message, field: x.path.join('.') })));
  if (v.ok && p.hostFreeGiB > 0 && v.scenario.guest.ramGiB > p.hostFreeGiB) {
    problems.push({ field: 'hostFreeGiB', message: `One VM (${v.scenario.guest.ramGiB} GiB) does not fit in ${p.hostFreeGiB} GiB of free memory.` });
  }
  return problems.length > 0 || !v.ok ? { ok: false, problems } : { ok: true, scenario: v.scenario, input };
}

interface Creation {
  readonly vmCreationMs: number;
  readonly vmInitializationMs: number;
  readonly biosExecutionMs: number;
  /** When the worker's race over this VM's pages ended, from QEMU start (0: no race). */
  readonly raceEndUs: Micros;
  readonly raceCpuUs: Micros;
  readonly racePages4K: number;
}

function creation(input: unknown, share: number): Creation {
  const v = validateScenarioValue(setPath(input, ['host', 'freePool', 'prezeroedShare'], share));
  if (!v.ok) throw new Error(`busy host: the scenario with prezeroedShare ${share} was rejected: ${v.problems.map((p) => p.message).join('; ')}`);
  const trace = run(v.scenario);
  const m = measures(trace);
  let raceEndUs = 0;
  let raceCpuUs = 0;
  for (const s of trace.spans) {
    if (s.lane !== WORKER_LANE) continue;
    raceEndUs = Math.max(raceEndUs, s.endUs);
    for (const w of s.work) raceCpuUs += w.us;
  }
  return { ...m, raceEndUs, raceCpuUs, racePages4K: trace.counters.pagesPrezeroed };
}

export interface BusyHostProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * The simulation, one VM per step (yielding progress every `chunkSize` VMs) so a Web
 * Worker can report progress and stop early; the generator's return value is the result.
 */
export function* busyHostSteps(check: Extract<BusyHostCheck, { ok: true }>, p: BusyHostParams, chunkSize = 10): Generator<BusyHostProgress, BusyHostResult, undefined> {
  const s = check.scenario;
  const pageBytes = backingPageBytes(s.guest.memoryBacking);
  const present = s.optimizations.prezeroFreePages && (!s.guest.memoryBacking.startsWith('hugetlb') || s.host.kernel.hugetlbPrezero);
  const bytesPerNs = present ? workerBytesPerNs(s.host, pageBytes) : 0;
  const duty = present ? workerDutyCycle(s.host, pageBytes) : 0;
  const vmBytes = s.guest.ramGiB * GiB;
  const freeBytes = p.hostFreeGiB * GiB;
  // Without a worker no page ever carries PG_zero.
  const zeroedAtStart = present ? (p.initialZeroedShare ?? 1) : 0;
  const pool = new FreePool(freeBytes, freeBytes * (1 - zeroedAtStart), bytesPerNs * 1_000);
  const allocation = p.allocation ?? 'dirty-first';
  const intervalUs = Math.round(p.intervalS * US_PER_S);
  const lifetimeUs = Math.round(p.lifetimeS * US_PER_S);
  // Shares repeat (all zeroed, none zeroed): one run per distinct share, rounded to 1e-6.
  const runs = new Map<number, Creation>();
  const destroys: { t: Micros; bytes: number }[] = [];
  const vms: BusyHostVm[] = [];
  let raceCpuUs = 0;
  let raceBytes = 0;
  // Destroys due by `t`, in time order (every VM lives as long, so they queue in start order).
  const destroyUntil = (t: Micros) => {
    while ((destroys[0]?.t ?? Infinity) <= t) {
      const d = destroys.shift();
      if (!d) break;
      pool.advance(d.t);
      pool.give(d.bytes);
      pool.sample('depart');
    }
  };
  for (let i = 0; i < p.count; i++) {
    const t = i * intervalUs;
    // A VM destroyed at the instant another starts frees its memory first.
    destroyUntil(t);
    pool.advance(t);
    if (pool.freeBytes + 1e-6 < vmBytes) {
      vms.push({ index: i, placed: false, startUs: t, reason: `${(pool.freeBytes / GiB).toFixed(1)} GiB free, the VM needs ${s.guest.ramGiB} GiB` });
      pool.sample('rejected');
    } else {
      const share = Math.round((pool.take(Math.min(vmBytes, pool.freeBytes), allocation) / vmBytes) * 1e6) / 1e6;
      let c = runs.get(share);
      if (!c) {
        c = creation(check.input, share);
        runs.set(share, c);
      }
      if (c.raceEndUs > 0) pool.pauseUntil(t + c.raceEndUs);
      raceCpuUs += c.raceCpuUs;
      raceBytes += c.racePages4K * PAGE_4K;
      pool.sample('arrive');
      destroys.push({ t: t + lifetimeUs, bytes: vmBytes });
      vms.push({
        index: i, placed: true, startUs: t, destroyUs: t + lifetimeUs, prezeroedShare: share,
        vmCreationMs: c.vmCreationMs, vmInitializationMs: c.vmInitializationMs, biosExecutionMs: c.biosExecutionMs, racePages4K: c.racePages4K,
      });
    }
    if ((i + 1) % Math.max(1, chunkSize) === 0 && i + 1 < p.count) yield { done: i + 1, total: p.count };
  }
  const horizonUs = Math.max(pool.now(), ...destroys.map((d) => d.t));
  destroyUntil(horizonUs);
  pool.advance(horizonUs);
  pool.sample('end');
  yield { done: p.count, total: p.count };
  return { vms, pool: pool.samples, summary: summarize(s, p, vms, pool, { horizonUs, present, duty, bytesPerNs, vmBytes, raceCpuUs, raceBytes, pageBytes }) };
}

interface Totals {
  readonly horizonUs: Micros;
  readonly present: boolean;
  readonly duty: number;
  readonly bytesPerNs: number;
  readonly vmBytes: number;
  readonly raceCpuUs: Micros;
  readonly raceBytes: number;
  readonly pageBytes: number;
}

function summarize(s: Scenario, p: BusyHostParams, vms: readonly BusyHostVm[], pool: FreePool, t: Totals): BusyHostSummary {
  const placed = vms.flatMap((v) => (v.placed ? [v] : []));
  const created = placed.map((v) => v.vmCreationMs);
  const hours = t.horizonUs / 3.6e9;
  const workerCpuUs = Math.round(pool.workerUs * t.duty) + t.raceCpuUs;
  const zeroedBytes = pool.clearedBytes + t.raceBytes;
  const peak = t.present ? t.pageBytes / zeroNsPerPage(s.host, t.pageBytes) : 0;
  const full = placed.filter((v) => v.prezeroedShare >= 1).length;
  const none = placed.filter((v) => v.prezeroedShare <= 0).length;
  return {
    horizonUs: t.horizonUs,
    workerPresent: t.present,
    workerDutyCycle: t.duty,
    workerCpuUs,
    workerCpuSPerHour: hours > 0 ? workerCpuUs / US_PER_S / hours : 0,
    workerZeroedGiB: zeroedBytes / GiB,
    workerAvgGBps: t.horizonUs > 0 ? zeroedBytes / (t.horizonUs * 1_000) : 0,
    workerPeakGBps: peak,
    workerPeakShareOfHostBandwidth: peak / s.host.memoryBandwidthGBps,
    capacityGBps: t.bytesPerNs,
    demandGBps: t.vmBytes / (p.intervalS * 1e9),
    ...(t.bytesPerNs > 0 ? { rezeroOneVmS: t.vmBytes / t.bytesPerNs / 1e9 } : {}),
    vmsFullyZeroed: full,
    vmsPartlyZeroed: placed.length - full - none,
    vmsNotZeroed: none,
    vmsRejected: vms.length - placed.length,
    keptUp: t.present && placed.length > 0 && full === placed.length,
    creationMs: {
      first: created[0] ?? 0,
      last: created[created.length - 1] ?? 0,
      min: created.length > 0 ? Math.min(...created) : 0,
      max: created.length > 0 ? Math.max(...created) : 0,
      mean: created.length > 0 ? created.reduce((a, b) => a + b, 0) / created.length : 0,
    },
  };
}

/** Checks the parameters and runs the whole simulation. */
export function simulateBusyHost(p: BusyHostParams): { readonly ok: true; readonly result: BusyHostResult } | { readonly ok: false; readonly problems: readonly BusyHostProblem[] } {
  const check = checkBusyHost(p);
  if (!check.ok) return check;
  const steps = busyHostSteps(check, p);
  for (;;) {
    const next = steps.next();
    if (next.done) return { ok: true, result: next.value };
  }
}
