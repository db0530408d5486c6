/** Where goals show in the output: the measure cell's mark and the timeline's threshold line. */
import { describe, expect, it } from 'vitest';
import { evaluateGoals } from '../../src/lessons/evaluate.ts';
import type { Goal } from '../../src/lessons/types.ts';
import type { Trace } from '../../src/sim/trace/types.ts';
import { exerciseIndex, measureMarks, timelineThreshold } from '../../src/ui/lesson/goal-marks.ts';
import { runValue } from '../sim/helpers.ts';

const small = runValue({ guest: { ramGiB: 1 }, devices: { count: 2 } });
/** 73.1 s of creation, 63.6 s of initialization: the mockup's lesson run. */
const run: Trace = { ...small, markers: { qemuStartUs: 0, vcpuStartUs: 63_600_000, firstKernelLogUs: 73_100_000 } };
const goals: Goal[] = [
  { id: 'dma', label: 'dma-map', quantity: { kind: 'phase', phase: 'dma-map' }, threshold: { kind: 'max', value: 1e9 } },
  { id: 'create-55', label: 'Create the VM in under 55 s', quantity: { kind: 'measure', measure: 'vmCreationMs' }, threshold: { kind: 'max', value: 55_000 } },
  { id: 'bios-9', label: 'BIOS within 9 s', quantity: { kind: 'measure', measure: 'biosExecutionMs' }, threshold: { kind: 'max', value: 9_000 } },
];

describe('goal marks', () => {
  it('marks each measure a goal targets, red while failing', () => {
    const marks = measureMarks(evaluateGoals({ goals }, run));
    expect(marks).toEqual({ vmCreationMs: { text: 'goal ≤ 55.0 s', passing: false }, biosExecutionMs: { text: 'goal ≤ 9.0 s', passing: false } });
  });

  it('draws the first failing measure goal at its time, with how far over the run is', () => {
    expect(timelineThreshold(evaluateGoals({ goals }, run), run)).toEqual({ atUs: 55_000_000, label: 'goal 55.0 s', note: '18.1 s over', passing: false });
    // BIOS execution counts from vCPU start.
    const bios = timelineThreshold(evaluateGoals({ goals: [goals[2]!] }, run), run);
    expect(bios).toMatchObject({ atUs: 63_600_000 + 9_000_000, note: '500 ms over' });
    expect(timelineThreshold(evaluateGoals({ goals: [goals[0]!] }, run), run)).toBeUndefined();
  });

  it('finds the exercise: the last step that starts again from params.jsonc, else the last', () => {
    const s = (reset: boolean) => ({ script: { reset } });
    expect(exerciseIndex([s(false), s(false), s(true), s(false)])).toBe(2);
    expect(exerciseIndex([s(false), s(false)])).toBe(1);
  });
});
