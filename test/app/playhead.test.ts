import { describe, expect, it } from 'vitest';
import { Playhead } from '../../src/app/state/playhead.svelte.ts';

describe('playhead', () => {
  it('steps between events, and a step back returns exactly to the previous frame', () => {
    const p = new Playhead();
    p.setRun(1_000, [0, 100, 250, 900, 1_000]);
    p.seek(120);
    p.stepForward();
    expect(p.timeUs).toBe(250);
    p.stepForward();
    expect(p.timeUs).toBe(900);
    p.stepBack();
    expect(p.timeUs).toBe(250);
    p.stepBack();
    expect(p.timeUs).toBe(100);
    p.stepBack();
    p.stepBack();
    expect(p.timeUs).toBe(0);
  });

  it('keeps the playhead inside the run', () => {
    const p = new Playhead();
    p.setRun(500, [0, 500]);
    p.seek(9_999);
    expect(p.timeUs).toBe(500);
    p.seek(-3);
    expect(p.timeUs).toBe(0);
    p.setRun(200, [0, 200]);
    p.seek(500);
    expect(p.timeUs).toBe(200);
  });

  it('plays the whole run in N seconds or at a rate of simulated time', () => {
    const p = new Playhead();
    p.setRun(100_000_000, [0]);
    p.speed = { kind: 'whole', seconds: 20 };
    expect(p.usPerMs).toBe(5_000);
    p.speed = { kind: 'rate', x: 0.1 };
    expect(p.usPerMs).toBe(100);
    p.speed = { kind: 'rate', x: 100 };
    expect(p.usPerMs).toBe(100_000);
  });
});
