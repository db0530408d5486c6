import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { pipelineMachine, type PipelineInput } from '../../../src/sim/machines/pipeline.machine.ts';
import { SimClock } from '../../../src/sim/engine/sim-clock.ts';
import { fakePorts } from './fake-ports.ts';

function runPipeline(overrides: Partial<Omit<PipelineInput, 'ports'>> = {}, durations = {}) {
  const clock = new SimClock();
  const { ports, calls, at } = fakePorts(durations, () => clock.now());
  const input: PipelineInput = {
    ports,
    devices: 2,
    sharedContainer: true,
    preallocates: false,
    parallelResets: false,
    overlapResetWithDmaMap: false,
    skipRedundantReset: false,
    prezeroFreePages: false,
    hasDirtyFreePages: false,
    firmware: { pamWrites: [1, 1, 0], devices: 2, bootMenu: true },
    ...overrides,
  };
  const actor = createActor(pipelineMachine, { clock, input });
  actor.start();
  clock.runUntil(() => actor.getSnapshot().status !== 'active');
  return { calls, at, status: actor.getSnapshot().status, t: clock.now() };
}

describe('pipeline machine', () => {
  it('follows QEMU 5.0 order: memslots before VFIO, reset #1 per device, reset #2 before vCPUs, firmware to the kernel', () => {
    const { calls, status } = runPipeline();
    expect(status).toBe('done');
    expect(calls).toEqual([
      'qemuStart', 'ramMemslots',
      'containerMap 0', 'reset 0 device-open', 'barMmap 0',
      'reset 1 device-open', 'barMmap 1',
      'systemResetBegin', 'reset 0 system-reset', 'reset 1 system-reset',
      'libvirtCont', 'vcpuStart',
      'post post', 'pam 0', 'post pci-enumeration', 'bars 0', 'bars 1', 'post smm-setup', 'pam 1', 'post option-roms',
      'bootMenu', 'post prepare-boot', 'grub', 'kernelLoad', 'firstKernelLog',
    ]);
  });

  it('maps guest RAM once per container: once when shared, once per device otherwise', () => {
    expect(runPipeline().calls.filter((c) => c.startsWith('containerMap'))).toEqual(['containerMap 0']);
    expect(runPipeline({ sharedContainer: false }).calls.filter((c) => c.startsWith('containerMap'))).toEqual(['containerMap 0', 'containerMap 1']);
  });

  it('skips the redundant reset #2 of every device', () => {
    const { calls } = runPipeline({ skipRedundantReset: true });
    expect(calls.filter((c) => c.includes('system-reset'))).toEqual(['skip 0 system-reset', 'skip 1 system-reset']);
  });

  it('resets in parallel on threads and joins them before qemu_system_reset', () => {
    const { calls, at } = runPipeline({ parallelResets: true }, { reset: 1_000 });
    // Each reset starts on its thread when its device is opened, right after the map; the main thread goes on.
    expect(at.get('reset 0 device-open thread')).toBe(at.get('barMmap 0'));
    expect(at.get('reset 1 device-open thread')).toBe(at.get('barMmap 1'));
    expect(calls.indexOf('endWait')).toBeLessThan(calls.indexOf('systemResetBegin'));
    // Both resets run at once: the wait ends when the later one, started 10 us after the first, is done.
    expect((at.get('endWait') ?? 0) - (at.get('reset 0 device-open thread') ?? 0)).toBe(1_010);
    expect(calls).toContain('reset 0 system-reset thread');
  });

  it('overlaps resets with the DMA map: they start before guest RAM is pinned', () => {
    const { calls, at } = runPipeline({ overlapResetWithDmaMap: true, parallelResets: true }, { containerMap: 1_000, reset: 50 });
    expect(at.get('reset 0 device-open thread')).toBe(at.get('containerMap 0'));
    expect(at.get('reset 1 device-open thread')).toBe(at.get('containerMap 0'));
    // Resets finished during the map: nothing left to wait for.
    expect(calls).not.toContain('beginWait pci-reset');
  });

  it('queues overlapped resets on one helper thread unless they run in parallel', () => {
    const { calls } = runPipeline({ overlapResetWithDmaMap: true });
    expect(calls.filter((c) => c.startsWith('queue'))).toEqual(['queue 0', 'queue 1']);
  });

  it('preallocates before memslots when asked', () => {
    expect(runPipeline({ preallocates: true }).calls.slice(0, 3)).toEqual(['qemuStart', 'prealloc', 'ramMemslots']);
  });

  it('makes a CPU VM without any VFIO step', () => {
    const { calls } = runPipeline({ devices: 0, firmware: { pamWrites: [0, 0, 0], devices: 0, bootMenu: false } });
    expect(calls.some((c) => /containerMap|reset|bars/.test(c))).toBe(false);
    expect(calls).not.toContain('bootMenu');
  });

  it('starts the pre-zero worker only when PG_zero exists and pages are dirty', () => {
    expect(runPipeline({ prezeroFreePages: true, hasDirtyFreePages: true }).at.get('workerStart')).toBe(0);
    expect(runPipeline({ prezeroFreePages: true, hasDirtyFreePages: false }).calls).not.toContain('workerStart');
    expect(runPipeline({ prezeroFreePages: false, hasDirtyFreePages: true }).calls).not.toContain('workerStart');
  });
});
