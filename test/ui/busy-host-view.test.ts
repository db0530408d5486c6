/**
 * The Busy host tab's pure parts: the pool drawn between samples agrees with the worker's
 * rate, the worker's busy intervals come from the samples, and the verdict says what the
 * simulation found.
 */
import { describe, expect, it } from 'vitest';
import { type BusyHostParams, simulateBusyHost } from '../../src/sim/analysis/busy-host.ts';
import { GiB } from '../../src/sim/units.ts';
import { poolPoints, timeUnit, workerIntervals } from '../../src/ui/busy-host/pool-series.ts';
import { tradeOff, verdict } from '../../src/ui/busy-host/verdict.ts';
import { busyParams, DEFAULT_INPUTS } from '../../src/ui/busy-host/busy-host-session.svelte.ts';

const VM = { guest: { ramGiB: 48 }, devices: { count: 1 }, optimizations: { prezeroFreePages: true } };
const BASE: BusyHostParams = { scenario: VM, hostFreeGiB: 200, intervalS: 600, lifetimeS: 300, count: 12 };

function simulate(p: BusyHostParams) {
  const r = simulateBusyHost(p);
  if (!r.ok) throw new Error(r.problems.map((x) => x.message).join('; '));
  return r.result;
}

describe('the pool between samples', () => {
  it('drops at once when a VM arrives and falls at the worker\'s rate while it clears', () => {
    const r = simulate({ ...BASE, count: 20, intervalS: 200, lifetimeS: 700, hostFreeGiB: 150 });
    const rate = r.summary.capacityGBps * 1_000;
    const pts = poolPoints(r.pool, rate);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1];
      const b = pts[i];
      if (!a || !b) continue;
      expect(b.tUs).toBeGreaterThanOrEqual(a.tUs);
      expect(b.zeroedBytes + b.dirtyBytes).toBeCloseTo(b.freeBytes, 0);
      if (b.tUs > a.tUs) {
        // Between two instants nothing arrives or leaves: free memory is flat, dirty falls no faster than the worker.
        expect(b.freeBytes).toBeCloseTo(a.freeBytes, 0);
        expect(a.dirtyBytes - b.dirtyBytes).toBeLessThanOrEqual(rate * (b.tUs - a.tUs) + 1);
        expect(b.dirtyBytes).toBeLessThanOrEqual(a.dirtyBytes + 1);
      }
    }
    // Every sample is on the drawn line.
    for (const s of r.pool) expect(pts.some((p) => p.tUs === s.tUs && Math.abs(p.dirtyBytes - s.dirtyBytes) < 1)).toBe(true);
  });

  it('marks the worker busy only where the samples say it clears, within the run', () => {
    const r = simulate(BASE);
    const busy = workerIntervals(r.pool);
    expect(busy.length).toBeGreaterThan(0);
    for (const b of busy) {
      expect(b.toUs).toBeGreaterThan(b.fromUs);
      expect(b.toUs).toBeLessThanOrEqual(r.summary.horizonUs);
    }
    for (let i = 1; i < busy.length; i++) expect(busy[i]?.fromUs ?? 0).toBeGreaterThan(busy[i - 1]?.toUs ?? 0);
    expect(timeUnit(30e6).unit).toBe('s');
    expect(timeUnit(r.summary.horizonUs).unit).toBe('min');
    expect(timeUnit(24 * 3600e6).unit).toBe('h');
  });
});

describe('the verdict', () => {
  it('says the worker fell behind, from which VM, and why, for the default inputs', () => {
    const v = verdict(simulate(BASE), 48, 600);
    expect(v.keptUp).toBe(false);
    expect(v.title).toBe('Fell behind from VM 2 on');
    expect(v.headline).toMatch(/^11 of 12 VMs found only part of their memory pre-zeroed \(as little as \d+%\)/);
    expect(v.detail.join(' ')).toMatch(/VMs free 0\.086 GB\/s of memory \(48 GiB every 600 s\); the worker clears at most 0\.066 GB\/s/);
  });

  it('says it kept up when the worker has time, and that there is none without the fix', () => {
    expect(verdict(simulate({ ...BASE, intervalS: 3_600 }), 48, 3_600)).toMatchObject({ keptUp: true, title: 'Kept up' });
    const none = simulate({ ...BASE, scenario: { guest: { ramGiB: 48 }, devices: { count: 1 } } });
    expect(verdict(none, 48, 600)).toMatchObject({ keptUp: false, title: 'No pre-zero worker' });
    expect(tradeOff(none).cpu).toMatch(/No worker/);
  });

  it('prices the worker in CPU seconds per hour and in bandwidth', () => {
    const r = simulate(BASE);
    const t = tradeOff(r);
    expect(t.cpu).toMatch(new RegExp(`^${r.summary.workerCpuSPerHour.toFixed(1)} CPU seconds per hour`));
    expect(t.bandwidth).toMatch(/one thread at 4\.90 GB\/s, 8\.2% of the host's 60 GB\/s/);
    expect(t.zeroed).toMatch(new RegExp(`^${r.summary.workerZeroedGiB.toFixed(1)} GiB cleared`));
  });

  it('default inputs build the parameters the simulation checks, and show the limitation', () => {
    const p = busyParams({ ...DEFAULT_INPUTS }, { devices: { count: 1 } });
    expect(p).toMatchObject({ hostFreeGiB: 200, vmRamGiB: 48, intervalS: 600, lifetimeS: 300, count: 12, workerBatchMiB: 64, workerDelayMs: 1000 });
    expect(p.scenario).toEqual({ devices: { count: 1 }, optimizations: { prezeroFreePages: true } });
    const r = simulate(p);
    expect(r.summary.keptUp).toBe(false);
    expect(r.pool[0]?.freeBytes).toBe(200 * GiB);
  });
});
