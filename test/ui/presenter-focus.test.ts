/** The presenter's timeline narrows to the phase a step is about, keeping only lanes with work there. */
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lessons/load-vite.ts';
import { phaseOccurrences } from '../../src/sim/analysis/phases.ts';
import { run } from '../../src/sim/engine/run.ts';
import { stageFocus } from '../../src/ui/present/stage-focus.ts';

const lesson = loadLessons().lessons.find((l) => l.id === '04-prezero');
if (!lesson) throw new Error('lesson 04-prezero is missing');
const trace = run(lesson.params.scenario);
const end = trace.markers.firstKernelLogUs;

describe('the stage timeline', () => {
  it('shows the whole run and every lane without a phase to focus on', () => {
    for (const target of [undefined, { kind: 'marker', marker: 'vcpu-start' } as const, { kind: 'time', us: 1_000_000 } as const]) {
      const f = stageFocus(trace, target);
      expect(f.viewport).toEqual({ startUs: 0, endUs: end });
      expect(f.trace.lanes).toBe(trace.lanes);
    }
  });

  it('narrows to a phase with a margin, inside the run, and drops lanes idle in that stretch', () => {
    const f = stageFocus(trace, { kind: 'phase', phase: 'firmware', edge: 'start' });
    const occ = phaseOccurrences(trace).filter((o) => o.name === 'firmware');
    const from = Math.min(...occ.map((o) => o.startUs));
    const to = Math.max(...occ.map((o) => o.endUs));
    expect(f.viewport.startUs).toBeLessThan(from);
    expect(f.viewport.endUs).toBeGreaterThanOrEqual(Math.min(end, to));
    expect(f.viewport.startUs).toBeGreaterThanOrEqual(0);
    expect(f.viewport.endUs).toBeLessThanOrEqual(end);
    expect(f.phase).toBe('firmware');
    expect(f.trace.lanes.length).toBeGreaterThan(0);
    expect(f.trace.lanes.length).toBeLessThan(trace.lanes.length);
    // Every lane kept has work in the window; the lane that ran the phase is among them.
    const owner = trace.spans.find((s) => s.phase === 'firmware')?.lane;
    expect(f.trace.lanes.map((l) => l.id)).toContain(owner);
  });

  it('keeps the whole run for a phase the run does not have', () => {
    const cpuOnly = run({ ...lesson.params.scenario, devices: { ...lesson.params.scenario.devices, count: 0 } });
    const f = stageFocus(cpuOnly, { kind: 'phase', phase: 'pci-reset', edge: 'start' });
    expect(f.viewport).toEqual({ startUs: 0, endUs: cpuOnly.markers.firstKernelLogUs });
  });
});
