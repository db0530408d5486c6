/**
 * A lesson step's still is worked out from the lesson alone: the scenario the step scripts,
 * the view and the playhead it lands on (the last one a step up to it names), the same every
 * time. Checked on the real lessons and on a small made-up one.
 */
import { describe, expect, it } from 'vitest';
import { loadLessons, resolvePlayhead, scenarioTextAtStep, type Lesson, type Step } from '../../src/lessons/index.ts';
import { playheadAtStep, stepFrame } from '../../src/lessons/step-frame.ts';
import { lessonStills, stepStill, stillCaption } from '../../src/ui/handout/step-still.ts';
import { measures } from '../../src/sim/analysis/measures.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { run } from '../../src/sim/engine/run.ts';

const lessons = loadLessons().lessons;
const lesson = (id: string): Lesson => {
  const l = lessons.find((x) => x.id === id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
};
const step = (index: number, script: Partial<Step['script']>): Step => ({ index, line: 1, title: `s${index}`, markdown: '', script: { reset: false, set: [], ...script } });

describe('step frames', () => {
  it('keeps the last playhead a step up to it names', () => {
    const steps = [
      step(0, { playhead: { kind: 'marker', marker: 'vcpu-start' } }),
      step(1, {}),
      step(2, { playhead: { kind: 'phase', phase: 'dma-map', edge: 'end' } }),
      step(3, {}),
    ];
    expect(playheadAtStep(steps, 0)).toEqual({ kind: 'marker', marker: 'vcpu-start' });
    expect(playheadAtStep(steps, 1)).toEqual({ kind: 'marker', marker: 'vcpu-start' });
    expect(playheadAtStep(steps, 3)).toEqual({ kind: 'phase', phase: 'dma-map', edge: 'end' });
    expect(playheadAtStep([step(0, {})], 0)).toBeUndefined();
  });

  it('gives every real step its scripted text and view, and clamps an index past the end', () => {
    const l = lesson('04-prezero');
    l.steps.forEach((_, k) => {
      const f = stepFrame(l, k);
      expect(f.text).toBe(scenarioTextAtStep(l.params.text, l.steps, k));
      expect(f.index).toBe(k);
    });
    // Step 3 of 04-prezero names the statechart; step 4 names the memory view again.
    expect(stepFrame(l, 2).view).toBe('statechart');
    expect(stepFrame(l, 3).view).toBe('memory');
    expect(stepFrame(l, 99).index).toBe(l.steps.length - 1);
    expect(stepFrame(l, -3).index).toBe(0);
  });
});

describe('step stills', () => {
  it('runs the step\'s own scenario and stands the playhead where the step puts it', () => {
    const l = lesson('04-prezero');
    const stills = lessonStills(l);
    expect(stills).toHaveLength(l.steps.length);
    for (const s of stills) {
      const parsed = parseScenarioText(scenarioTextAtStep(l.params.text, l.steps, s.index));
      if (!parsed.ok) throw new Error('step text does not parse');
      const trace = run(parsed.scenario);
      expect(s.measures).toEqual(measures(trace));
      const target = playheadAtStep(l.steps, s.index);
      expect(target).toBeDefined();
      expect(s.playheadUs).toBe(target ? resolvePlayhead(target, trace) : 0);
    }
    // Step 4 names no playhead: it keeps step 3's "dma-map:end", in its own run.
    expect(l.steps[3]?.script.playhead).toBeUndefined();
    expect(stills[3]?.playheadUs).toBe(resolvePlayhead({ kind: 'phase', phase: 'dma-map', edge: 'end' }, stills[3]!.trace));
    // Pre-zeroing on a quiet host (step 1) is faster than the lesson's start.
    expect(stills[0]!.measures.vmCreationMs).toBeLessThan(stills[0]!.startMeasures.vmCreationMs);
  });

  it('gives the same still for a step every time, alone or with the whole lesson', () => {
    const l = lesson('08-pci-resets');
    const all = lessonStills(l);
    for (let k = 0; k < l.steps.length; k++) {
      const a = stepStill(l, k);
      const b = stepStill(l, k);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(JSON.stringify(all[k])).toBe(JSON.stringify(a));
    }
  });

  it('evaluates the lesson\'s goals on each step\'s run and captions the still', () => {
    const l = lesson('04-prezero');
    const [first, second] = lessonStills(l);
    expect(first!.goals.map((g) => g.goal.id)).toEqual(l.goals.map((g) => g.id));
    // On a quiet host every zeroing is skipped; after a large job only some are.
    expect(first!.goals.every((g) => g.passing)).toBe(true);
    expect(second!.goals.some((g) => !g.passing)).toBe(true);
    expect(stillCaption(l, first!)).toBe(`${l.title} · step 1 of ${l.steps.length}: ${l.steps[0]!.title} · at ${(first!.playheadUs / 1e6).toFixed(2)} s`);
  });
});
