import { describe, expect, it } from 'vitest';
import { createActor, sendTo, setup } from 'xstate';
import { pciDeviceMachine, type PciDeviceEvent } from '../../../src/sim/machines/pci-device.machine.ts';
import { SimClock } from '../../../src/sim/engine/sim-clock.ts';
import { fakePorts } from './fake-ports.ts';

/** A parent that forwards events to one device and collects its replies. */
function harness(skipRedundantReset: boolean) {
  const clock = new SimClock();
  const { ports, calls, at } = fakePorts({ reset: 1_000 }, () => clock.now());
  const replies: string[] = [];
  const parent = setup({ actors: { dev: pciDeviceMachine } }).createMachine({
    invoke: { id: 'dev', src: 'dev', input: { gpu: 0, ports, skipRedundantReset } },
    on: {
      'pci.reset': { actions: sendTo('dev', ({ event }) => event) },
      'pci.reset.done': { actions: ({ event }) => replies.push(`${event.skipped ? 'skipped' : 'done'}@${clock.now()}`) },
    },
  });
  const actor = createActor(parent, { clock });
  actor.start();
  const send = (e: PciDeviceEvent) => {
    actor.send(e);
    clock.runUntil(() => false);
  };
  const state = () => actor.getSnapshot().children.dev?.getSnapshot().value;
  return { send, state, replies, calls, at };
}

describe('PCI device machine', () => {
  it('resets on device open, then again on system reset: two resets of about a second', () => {
    const h = harness(false);
    expect(h.state()).toBe('closed');
    h.send({ type: 'pci.reset', reason: 'device-open', onThread: false, queued: false });
    expect(h.state()).toBe('open');
    h.send({ type: 'pci.reset', reason: 'system-reset', onThread: false, queued: false });
    expect(h.state()).toBe('ready');
    expect(h.calls.filter((c) => c.startsWith('reset'))).toEqual(['reset 0 device-open', 'reset 0 system-reset']);
    expect(h.replies).toEqual(['done@1000', 'done@2000']);
  });

  it('skips the redundant second reset with the talk\'s fix, and says so at once', () => {
    const h = harness(true);
    h.send({ type: 'pci.reset', reason: 'device-open', onThread: true, queued: false });
    h.send({ type: 'pci.reset', reason: 'system-reset', onThread: true, queued: false });
    expect(h.state()).toBe('ready');
    expect(h.calls).toContain('skip 0 system-reset');
    expect(h.replies).toEqual(['done@1000', 'skipped@1000']);
  });

  it('waits for the shared reset thread when queued', () => {
    const h = harness(false);
    h.send({ type: 'pci.reset', reason: 'device-open', onThread: true, queued: true });
    expect(h.calls.slice(0, 2)).toEqual(['queue 0', 'reset 0 device-open thread']);
  });
});

