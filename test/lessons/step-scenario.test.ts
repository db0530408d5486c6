import { describe, expect, it } from 'vitest';
import { parsePlayhead, resolvePlayhead } from '../../src/lessons/playhead.ts';
import { checkPrediction, guessUnit } from '../../src/lessons/predict.ts';
import { isLocked, lockedViolations } from '../../src/lessons/scenario-paths.ts';
import { applySets, scenarioTextAtStep } from '../../src/lessons/step-scenario.ts';
import type { Step } from '../../src/lessons/types.ts';
import { measures } from '../../src/sim/analysis/measures.ts';
import { phaseOccurrences } from '../../src/sim/analysis/phases.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { runValue, scenario } from '../sim/helpers.ts';

const params = '// start\n{\n  "guest": { "ramGiB": 64 } // the RAM\n}\n';

const step = (index: number, set: Step['script']['set'], reset = false): Step => ({
  index, line: 1, title: `s${index}`, markdown: '', script: { reset, set },
});

describe('step scenarios', () => {
  it('sets keys in the text, keeping comments and adding missing groups', () => {
    const out = applySets(params, [{ path: 'guest.ramGiB', value: 16 }, { path: 'devices.count', value: 0 }, { path: 'devices.barMiB', value: [1, 2] }]);
    expect(out).toContain('// the RAM');
    expect(out).toContain('// start');
    const r = parseScenarioText(out);
    expect(r.ok && r.input).toEqual({ guest: { ramGiB: 16 }, devices: { count: 0, barMiB: [1, 2] } });
  });

  it('builds each step on the ones before it, from the last reset', () => {
    const steps = [step(0, [{ path: 'guest.ramGiB', value: 8 }]), step(1, [{ path: 'devices.count', value: 1 }]), step(2, [], true), step(3, [{ path: 'devices.count', value: 2 }])];
    const input = (k: number) => {
      const r = parseScenarioText(scenarioTextAtStep(params, steps, k));
      return r.ok ? r.input : undefined;
    };
    expect(input(0)).toEqual({ guest: { ramGiB: 8 } });
    expect(input(1)).toEqual({ guest: { ramGiB: 8 }, devices: { count: 1 } });
    expect(scenarioTextAtStep(params, steps, 2)).toBe(params);
    expect(input(3)).toEqual({ guest: { ramGiB: 64 }, devices: { count: 2 } });
  });
});

describe('playhead targets', () => {
  const trace = runValue({ guest: { ramGiB: 1 }, devices: { count: 1 } });

  it('parses markers, phases, phase ends and times, and explains anything else', () => {
    expect(parsePlayhead('vcpu-start')).toEqual({ ok: true, target: { kind: 'marker', marker: 'vcpu-start' } });
    expect(parsePlayhead('dma-map:end')).toEqual({ ok: true, target: { kind: 'phase', phase: 'dma-map', edge: 'end' } });
    expect(parsePlayhead('12.5 s')).toEqual({ ok: true, target: { kind: 'time', us: 12_500_000 } });
    expect(parsePlayhead('800 ms')).toEqual({ ok: true, target: { kind: 'time', us: 800_000 } });
    const bad = parsePlayhead('12');
    expect(!bad.ok && bad.message).toMatch(/a time with its unit/);
  });

  it('resolves against a run, and gives nothing for a phase the run does not have', () => {
    const dma = phaseOccurrences(trace).filter((o) => o.name === 'dma-map');
    expect(resolvePlayhead({ kind: 'marker', marker: 'kernel-log' }, trace)).toBe(trace.markers.firstKernelLogUs);
    expect(resolvePlayhead({ kind: 'phase', phase: 'dma-map', edge: 'start' }, trace)).toBe(dma[0]?.startUs);
    expect(resolvePlayhead({ kind: 'phase', phase: 'dma-map', edge: 'end' }, trace)).toBe(dma[dma.length - 1]?.endUs);
    expect(resolvePlayhead({ kind: 'phase', phase: 'prealloc', edge: 'start' }, trace)).toBeUndefined();
    expect(resolvePlayhead({ kind: 'time', us: 1e12 }, trace)).toBe(trace.markers.firstKernelLogUs);
  });
});

describe('locked keys', () => {
  it('lets the most specific entry win', () => {
    const rules = { locked: ['*', 'optimizations.pinThreads'], editable: ['optimizations', 'guest.ramGiB'] };
    expect(isLocked(rules, 'optimizations.bulkPinning')).toBe(false);
    expect(isLocked(rules, 'optimizations.pinThreads')).toBe(true);
    expect(isLocked(rules, 'guest.ramGiB')).toBe(false);
    expect(isLocked(rules, 'guest.vcpus')).toBe(true);
    expect(isLocked(rules, 'name')).toBe(false);
    expect(isLocked({ locked: [], editable: [] }, 'guest.vcpus')).toBe(false);
  });

  it('compares resolved values, so writing a default out is not a change', () => {
    const rules = { locked: ['devices', 'host.zeroingGBps'], editable: [] };
    const start = scenario({ guest: { ramGiB: 8 } });
    expect(lockedViolations(rules, start, scenario({ guest: { ramGiB: 16 }, devices: { count: 4 } }))).toEqual([]);
    expect(lockedViolations(rules, start, scenario({ devices: { count: 2 } }))).toEqual(['devices.count']);
    // A new profile changes the profile's constants too.
    expect(lockedViolations(rules, start, scenario({ host: { profile: 'amd-milan-2025' } }))).toEqual(['host.zeroingGBps']);
  });
});

describe('predictions', () => {
  it('takes times in seconds and says how far off the guess was', () => {
    const trace = runValue({ guest: { ramGiB: 1 }, devices: { count: 0 } });
    const p = { prompt: 'How long?', quantity: { kind: 'measure', measure: 'vmCreationMs' } } as const;
    const seconds = measures(trace).vmCreationMs / 1_000;
    expect(guessUnit(p)).toBe('s');
    const close = checkPrediction(p, seconds * 1.05, trace);
    expect(close.text).toMatch(/within 10%/);
    const low = checkPrediction(p, seconds / 4, trace);
    expect(low.ratio).toBeCloseTo(4, 6);
    expect(low.text).toMatch(/4\.0× your guess/);
    expect(guessUnit({ prompt: '?', quantity: { kind: 'counter', counter: 'pciResets' } })).toBe('');
  });
});
