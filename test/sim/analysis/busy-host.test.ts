import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type BusyHostParams, checkBusyHost, simulateBusyHost, busyHostSteps } from '../../../src/sim/analysis/busy-host.ts';
import { measures } from '../../../src/sim/analysis/measures.ts';
import { workerBytesPerNs, workerDutyCycle } from '../../../src/sim/model/prezero.ts';
import { validateScenarioValue } from '../../../src/sim/scenario/parse.ts';
import { HOST_PROFILES } from '../../../src/sim/scenario/host-profiles.ts';
import { GiB, PAGE_4K } from '../../../src/sim/units.ts';
import { runValue } from '../helpers.ts';

const VM = { guest: { ramGiB: 48 }, devices: { count: 1 }, optimizations: { prezeroFreePages: true } };
const BASE: BusyHostParams = { scenario: VM, hostFreeGiB: 200, intervalS: 600, lifetimeS: 300, count: 12 };

function simulate(p: BusyHostParams) {
  const r = simulateBusyHost(p);
  if (!r.ok) throw new Error(r.problems.map((x) => x.message).join('; '));
  return r.result;
}

function shares(p: BusyHostParams): number[] {
  return simulate(p).vms.map((v) => (v.placed ? v.prezeroedShare : NaN));
}

describe('busy host parameters', () => {
  it('are checked, and the VM\'s scenario gets the editor\'s messages', () => {
    const bad = checkBusyHost({ ...BASE, hostFreeGiB: 0, intervalS: -1, count: 1.5, initialZeroedShare: 2 });
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['hostFreeGiB', 'intervalS', 'count', 'initialZeroedShare']);
    const vm = checkBusyHost({ ...BASE, vmRamGiB: -4 });
    const editor = validateScenarioValue({ guest: { ramGiB: -4 } });
    expect(vm.ok ? [] : vm.problems.map((p) => p.message)).toEqual(editor.ok ? [] : editor.problems.map((p) => p.message));
    const big = checkBusyHost({ ...BASE, vmRamGiB: 256, hostFreeGiB: 128 });
    expect(big.ok ? '' : big.problems[0]?.message).toMatch(/does not fit in 128 GiB/);
    expect(checkBusyHost({ ...BASE, workerBatchMiB: 0 }).ok).toBe(false);
  });
});

describe('a busy host', () => {
  it('keeps every VM fast when the worker has time between them', () => {
    const r = simulate({ ...BASE, intervalS: 3_600 });
    expect(r.summary.keptUp).toBe(true);
    expect(r.vms.every((v) => v.placed && v.prezeroedShare === 1)).toBe(true);
    expect(new Set(r.vms.map((v) => (v.placed ? v.vmCreationMs : 0))).size).toBe(1);
  });

  it('falls behind when VMs come faster than the worker re-zeroes them (the talk\'s limitation)', () => {
    const r = simulate(BASE);
    const s = r.summary;
    expect(s.keptUp).toBe(false);
    expect(s.demandGBps).toBeGreaterThan(s.capacityGBps);
    const [first, ...later] = r.vms.flatMap((v) => (v.placed ? [v] : []));
    expect(first?.prezeroedShare).toBe(1);
    for (const v of later) {
      expect(v.prezeroedShare).toBeLessThan(1);
      expect(v.vmCreationMs).toBeGreaterThan(first?.vmCreationMs ?? Infinity);
    }
    // A bigger batch and a shorter sleep keep up, at a CPU cost.
    const eager = simulate({ ...BASE, workerBatchMiB: 1024, workerDelayMs: 100 });
    expect(eager.summary.keptUp).toBe(true);
    expect(eager.summary.workerCpuSPerHour).toBeGreaterThan(s.workerCpuSPerHour);
  });

  it('runs each VM as the engine runs its scenario with the share it found', () => {
    const r = simulate(BASE);
    for (const v of r.vms.slice(0, 3)) {
      if (!v.placed) throw new Error('not placed');
      const t = runValue({ ...VM, host: { freePool: { prezeroedShare: v.prezeroedShare } } });
      expect(v.vmCreationMs).toBe(measures(t).vmCreationMs);
      expect(v.racePages4K).toBe(t.counters.pagesPrezeroed);
    }
  });

  it('keeps the pool consistent: integer instants in order, zeroed + dirty = free, shares in [0, 1]', () => {
    const r = simulate({ ...BASE, count: 30, intervalS: 200, lifetimeS: 700, hostFreeGiB: 150 });
    let t = 0;
    for (const s of r.pool) {
      expect(Number.isSafeInteger(s.tUs)).toBe(true);
      expect(s.tUs).toBeGreaterThanOrEqual(t);
      t = s.tUs;
      expect(s.zeroedBytes + s.dirtyBytes).toBeCloseTo(s.freeBytes, 0);
      expect(s.zeroedShare).toBeGreaterThanOrEqual(0);
      expect(s.zeroedShare).toBeLessThanOrEqual(1);
      expect(s.freeBytes).toBeLessThanOrEqual(150 * GiB + 1);
    }
    expect(r.pool[0]?.event).toBe('start');
    expect(r.pool.at(-1)).toMatchObject({ event: 'end', tUs: r.summary.horizonUs });
    // Three 48 GiB VMs fit in 150 GiB; a fourth arriving while three live is turned away.
    expect(r.summary.vmsRejected).toBeGreaterThan(0);
    expect(r.vms.find((v) => !v.placed)).toMatchObject({ placed: false, reason: expect.stringMatching(/GiB free, the VM needs 48 GiB/) });
  });

  it('prices the worker: CPU within its duty cycle, bandwidth within its rate, peak at one thread\'s zeroing speed', () => {
    const r = simulate(BASE);
    const host = HOST_PROFILES['didi-2020'];
    const s = r.summary;
    expect(s.workerDutyCycle).toBeCloseTo(workerDutyCycle(host, PAGE_4K), 12);
    expect(s.capacityGBps).toBeCloseTo(workerBytesPerNs(host, PAGE_4K), 12);
    expect(s.workerCpuSPerHour).toBeGreaterThan(0);
    expect(s.workerCpuSPerHour).toBeLessThanOrEqual(3_600 * s.workerDutyCycle + 1e-6);
    expect(s.workerAvgGBps).toBeLessThanOrEqual(s.capacityGBps + 1e-12);
    expect(s.workerPeakGBps).toBe(host.zeroingGBps);
    expect(s.workerPeakShareOfHostBandwidth).toBeCloseTo(host.zeroingGBps / host.memoryBandwidthGBps, 12);
    expect(s.rezeroOneVmS).toBeCloseTo((48 * GiB) / s.capacityGBps / 1e9, 6);
  });

  it('has no worker and no PG_zero without optimizations.prezeroFreePages', () => {
    const r = simulate({ ...BASE, scenario: { guest: { ramGiB: 48 }, devices: { count: 1 } } });
    expect(r.summary).toMatchObject({ workerPresent: false, workerCpuUs: 0, keptUp: false, vmsNotZeroed: 12 });
    expect(r.summary.rezeroOneVmS).toBeUndefined();
    expect(r.pool.every((s) => s.zeroedBytes === 0)).toBe(true);
  });

  it('reports progress VM by VM and returns the same result', () => {
    const check = checkBusyHost(BASE);
    if (!check.ok) throw new Error('rejected');
    const steps = busyHostSteps(check, BASE, 5);
    const progress: number[] = [];
    let next = steps.next();
    while (!next.done) {
      progress.push(next.value.done);
      next = steps.next();
    }
    expect(progress).toEqual([5, 10, 12]);
    expect(next.value).toEqual(simulate(BASE));
  });

  // Many runs: generous on a busy two-core machine.
  it('law: a longer interval between VMs never leaves the pool less zeroed', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4_000 }), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 2, max: 6 }), fc.constantFrom(16, 64, 512), fc.constantFrom(0, 100, 1_000), fc.constantFrom('dirty-first' as const, 'proportional' as const),
        fc.integer({ min: 1, max: 4 }),
        (ram, lifetimeS, gap, extra, count, batch, delay, allocation, hostMul) => {
          // One VM at a time (lifetime within the interval), the same lifetime, a longer wait.
          const p = { scenario: { ...VM, guest: { ramGiB: ram } }, hostFreeGiB: ram * hostMul, lifetimeS, count, workerBatchMiB: batch, workerDelayMs: delay, allocation };
          const a = shares({ ...p, intervalS: lifetimeS + gap });
          const b = shares({ ...p, intervalS: lifetimeS + gap + extra });
          a.forEach((s, i) => expect(b[i]).toBeGreaterThanOrEqual(s - 1e-9));
        },
      ),
      { numRuns: 60 },
    );
  });

  // Many runs: generous on a busy two-core machine.
  it('law: a slower churn (interval and lifetime both longer) never leaves the pool less zeroed', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4_000 }), fc.integer({ min: 1, max: 4_000 }), fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 6 }), fc.constantFrom(16, 512), fc.constantFrom(100, 1_000), fc.integer({ min: 1, max: 4 }),
        (ram, lifetimeS, intervalS, factor, count, batch, delay, hostMul) => {
          const p = { scenario: { ...VM, guest: { ramGiB: ram } }, hostFreeGiB: ram * hostMul, count, workerBatchMiB: batch, workerDelayMs: delay };
          const a = shares({ ...p, intervalS, lifetimeS });
          const b = shares({ ...p, intervalS: intervalS * factor, lifetimeS: lifetimeS * factor });
          a.forEach((s, i) => {
            if (!Number.isNaN(s) && !Number.isNaN(b[i] ?? NaN)) expect(b[i]).toBeGreaterThanOrEqual(s - 1e-9);
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
