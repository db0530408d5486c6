import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { zeroWorkerMachine } from '../../../src/sim/machines/zero-worker.machine.ts';

function start(enabled: boolean, hasDirtyPages: boolean) {
  let started = 0;
  const actor = createActor(zeroWorkerMachine, { input: { ports: { workerStart: () => void started++ }, enabled, hasDirtyPages } });
  actor.start();
  return { actor, started: () => started };
}

describe('pre-zero worker machine', () => {
  it('does not exist without PG_zero support', () => {
    const w = start(false, true);
    expect(w.actor.getSnapshot().value).toBe('off');
    expect(w.started()).toBe(0);
  });

  it('is idle on a quiet host whose free pages all carry PG_zero', () => {
    expect(start(true, false).actor.getSnapshot().value).toBe('idle');
  });

  it('zeroes while dirty free pages remain, until it has caught up', () => {
    const w = start(true, true);
    expect(w.actor.getSnapshot().value).toBe('zeroing');
    expect(w.started()).toBe(1);
    w.actor.send({ type: 'worker.caughtUp' });
    expect(w.actor.getSnapshot().value).toBe('idle');
  });
});
