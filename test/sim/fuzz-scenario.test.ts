/**
 * Fuzzing the scenario's way in: text from the editor, a file or a lesson, and values from a
 * link. Whatever arrives, the answer is a run (a Trace) or problems that each say what is
 * wrong, at which field and where in the text; nothing throws, and runs stay within a work
 * limit that stands for 100 ms.
 * Run counts and seed: test/fuzz-settings.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenarioText, validateScenarioValue, type ParseResult } from '../../src/sim/scenario/parse.ts';
import type { Problem } from '../../src/sim/scenario/problems.ts';
import type { Scenario } from '../../src/sim/scenario/resolve.ts';
import { run } from '../../src/sim/engine/run.ts';
import { measures } from '../../src/sim/analysis/measures.ts';
import type { Trace } from '../../src/sim/trace/types.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';
import { EXTREME_NUMBERS, validScenario, wildScenario } from './scenario-fuzz-arb.ts';

/**
 * The requirement is that no run takes over 100 ms. Wall time is no way to check it in a unit
 * test on a shared two-core machine: with other builds running (load 10), the default
 * scenario took from 10 to 447 ms of wall time and from 6 to 91 ms of CPU time between runs
 * of the same process, so a timed assertion would fail at random even with a retry. A run is
 * held instead to the work it does, which is the same on every machine: the records of its
 * Trace (spans, their work items, events, page operations and state changes), each a step the
 * engine took and priced. Measured on the two-core machine (best of 6 to 8 runs): 16,506
 * records in 43 ms, 52,547 in 150 ms, so 350 to 400 a millisecond and some 35,000 in 100 ms;
 * the limit leaves room below that. Wall-clock figures belong to `npm run bench`.
 */
const WORK_LIMIT = 30_000;

function traceRecords(trace: Trace): number {
  let n = trace.spans.length + trace.events.length + trace.memory.ops.length;
  for (const s of trace.spans) n += s.work.length;
  for (const m of trace.machines) n += m.states.length;
  for (const r of trace.iova.regions) n += r.states.length;
  return n;
}

/** A Trace a view can draw: whole, ordered, finite times and the three measures. */
function expectRunnable(scenario: Scenario): Trace {
  const trace = run(scenario);
  const { qemuStartUs, vcpuStartUs, firstKernelLogUs } = trace.markers;
  expect(Number.isSafeInteger(firstKernelLogUs)).toBe(true);
  expect(qemuStartUs <= vcpuStartUs && vcpuStartUs <= firstKernelLogUs).toBe(true);
  for (const s of trace.spans) {
    expect(Number.isSafeInteger(s.startUs) && Number.isSafeInteger(s.endUs) && s.startUs <= s.endUs, `span ${s.name}`).toBe(true);
  }
  const m = measures(trace);
  for (const v of [m.vmCreationMs, m.vmInitializationMs, m.biosExecutionMs]) expect(Number.isFinite(v) && v >= 0).toBe(true);
  return trace;
}

/** Problems: at least one error, each with a message, a path, and (from text) a range inside the text. */
function expectProblems(problems: readonly Problem[], text?: string): void {
  expect(problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of problems) expectProblem(p, text);
}

function expectProblem(p: Problem, text: string | undefined): void {
  expect(p.message.trim().length, 'a message').toBeGreaterThan(5);
  // Short enough to read in a hover or a terminal line, however long the text it quotes.
  expect(p.message.length, p.message.slice(0, 100)).toBeLessThanOrEqual(400);
  expect(Array.isArray(p.path) && p.path.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k) && k >= 0))).toBe(true);
  if (text === undefined) return;
  const r = p.range;
  expect(r, `a range for "${p.message}"`).toBeDefined();
  if (!r) return;
  expect(0 <= r.startOffset && r.startOffset <= r.endOffset && r.endOffset <= text.length, `range [${r.startOffset}, ${r.endOffset}) in ${text.length} chars for "${p.message}"`).toBe(true);
  const lines = text.split('\n');
  expect(r.startLine >= 1 && r.endLine >= r.startLine && r.endLine <= lines.length).toBe(true);
  expect(r.startColumn >= 1 && r.startColumn <= (lines[r.startLine - 1]?.length ?? 0) + 1).toBe(true);
  expect(r.endColumn >= 1 && r.endColumn <= (lines[r.endLine - 1]?.length ?? 0) + 1).toBe(true);
}

/** The whole contract for one input: a run, or problems. */
function expectOutcome(r: ParseResult, text?: string): void {
  if (r.ok) {
    for (const w of r.warnings) {
      expect(w.severity).toBe('warning');
      expectProblem(w, text);
    }
    expectRunnable(r.scenario);
  } else {
    expectProblems(r.problems, text);
  }
}

const EXAMPLES = ['examples/talk-baseline.jsonc', 'examples/all-optimizations.jsonc', 'examples/cpu-vm.jsonc'].map((f) => readFileSync(f, 'utf8'));

/** Text an editor can hold at any moment: a real scenario cut, spliced, or with junk typed in. */
const editedExample = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '{', '}', '"', ',', '/*', '//', '\n', 'NaN', '1e999', '-0', '[', ']', 'w'.repeat(5_000))))
  .map(([text, at, cut, insert]) => {
    const k = at % (text.length + 1);
    return text.slice(0, k) + insert + text.slice(Math.min(text.length, k + cut));
  });

/** A value written as a user might: indented or not, with comments and repeated keys. */
const writtenValue = fc
  .tuple(wildScenario, fc.constantFrom(0, 2, '\t'), fc.boolean(), fc.boolean())
  .map(([value, indent, comment, duplicate]) => {
    let text = JSON.stringify(value, null, indent) ?? 'null';
    if (duplicate && text.startsWith('{') && text.length > 2) text = `{ "seed": 1, "seed": 2, ${text.slice(1)}`;
    return comment ? `// mine\n${text.replace(/,/, ', /* x */')}` : text;
  });

describe('fuzz: scenario text', () => {
  it('arbitrary text gives a run or problems placed inside the text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 })), (text) => {
      expectOutcome(parseScenarioText(text), text);
    }), fuzz(300));
  }, FUZZ_TIMEOUT_MS);

  it('arbitrary JSON text gives a run or problems placed inside the text', () => {
    fc.assert(fc.property(fc.json({ maxDepth: 4 }), (text) => {
      expectOutcome(parseScenarioText(text), text);
    }), fuzz(150));
  }, FUZZ_TIMEOUT_MS);

  it('an example scenario, edited anywhere, gives a run or problems placed inside the text', () => {
    fc.assert(fc.property(editedExample, (text) => {
      expectOutcome(parseScenarioText(text), text);
    }), fuzz(40));
  }, FUZZ_TIMEOUT_MS);

  it('scenario-shaped text with extreme numbers, wrong types, comments and repeated keys', () => {
    fc.assert(fc.property(writtenValue, (text) => {
      expectOutcome(parseScenarioText(text), text);
    }), fuzz(100));
  }, FUZZ_TIMEOUT_MS);

  it('deep nesting and very long text give problems, not a stack overflow', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('[', '{"a":', '{"guest":', '{"guest":{"ramGiB":['), (depth, open) => {
      const text = open.repeat(depth);
      expectOutcome(parseScenarioText(text), text);
    }), fuzz(20));
  }, FUZZ_TIMEOUT_MS);
});

describe('fuzz: scenario values (share links, lessons)', () => {
  it('every value the JSON Schema allows validates and runs to a whole Trace', () => {
    fc.assert(fc.property(validScenario, (value) => {
      const r = validateScenarioValue(value);
      if (!r.ok) expect.fail(`rejected a value the schema allows: ${r.problems.map((p) => p.message).join('; ')}`);
      expectOutcome(r);
    }), fuzz(40));
  }, FUZZ_TIMEOUT_MS);

  it('extreme and wrongly typed values give a run or problems naming the field', () => {
    fc.assert(fc.property(wildScenario, (value) => {
      const r = validateScenarioValue(value);
      expectOutcome(r);
      if (!r.ok) {
        // Each problem's path leads into the value, so the editor or lesson can point at it.
        for (const p of r.problems) {
          let cur: unknown = value;
          for (const k of p.path.slice(0, -1)) cur = cur !== null && typeof cur === 'object' ? Reflect.get(cur, k) : undefined;
          if (p.path.length > 0) expect(cur !== null && typeof cur === 'object', `path ${p.path.join('.')} of "${p.message}"`).toBe(true);
        }
      }
    }), fuzz(150));
  }, FUZZ_TIMEOUT_MS);

  it('the extreme numbers in every numeric field', () => {
    const fields = ['guest.ramGiB', 'guest.vcpus', 'devices.count', 'host.zeroingGBps', 'host.hostCpus', 'host.faultNsPer4K', 'host.memoryBandwidthGBps',
      'host.prezeroWorker.batchMiB', 'host.prezeroWorker.delayMs', 'firmware.pamWrites', 'firmware.grubTimeoutS', 'optimizations.pinThreads', 'seed'];
    for (const field of fields) {
      for (const n of EXTREME_NUMBERS) {
        const value: Record<string, unknown> = {};
        const keys = field.split('.');
        let at = value;
        keys.slice(0, -1).forEach((k) => (at = (at[k] = {}) as Record<string, unknown>));
        at[keys[keys.length - 1] ?? ''] = n;
        const text = JSON.stringify(value);
        expectOutcome(parseScenarioText(text), text);
      }
    }
  }, FUZZ_TIMEOUT_MS);
});

describe('fuzz: how much work a run takes', () => {
  it('every valid scenario stays within the work limit', () => {
    fc.assert(fc.property(validScenario, (value) => {
      const r = validateScenarioValue(value);
      if (!r.ok) expect.fail(r.problems.map((p) => p.message).join('; '));
      const work = traceRecords(run(r.scenario));
      expect(work, `${work} records`).toBeLessThanOrEqual(WORK_LIMIT);
    }), fuzz(40));
  }, FUZZ_TIMEOUT_MS);

  // Fuzzing found these: with one container per device, every BAR decode toggle of every
  // device is unmapped and mapped in every container (52,547 records for the first, 227,202
  // for the schema's largest). Repeated decode cycles are now priced once and regions past
  // the detail window are counted, so the corners of the schema fit.
  it('the schema\'s corners for VFIO work stay within the work limit', () => {
    const tiny = [0.004, 0.004, 0.004, 0.004, 0.004, 0.004];
    const huge = [1_048_576, 1_048_576, 1_048_576, 1_048_576, 1_048_576, 1_048_576];
    for (const barMiB of [tiny, huge]) {
      for (const sharedContainer of [false, true]) {
        for (const [tracking, split] of [[false, false], [true, false], [true, true], [false, true]]) {
          const value = {
            guest: { ramGiB: 16_384 },
            devices: { count: 16, sharedContainer, barMiB },
            firmware: { pamWrites: 64, barDecodeToggles: 16 },
            optimizations: { userspaceDmaMapTracking: tracking, splitIovaAt1MiB: split },
          };
          const r = validateScenarioValue(value);
          if (!r.ok) expect.fail(`${JSON.stringify(value)}: ${r.problems.map((p) => p.message).join('; ')}`);
          const work = traceRecords(run(r.scenario));
          expect(work, `${work} records for ${JSON.stringify(value)}`).toBeLessThanOrEqual(WORK_LIMIT);
        }
      }
    }
  }, FUZZ_TIMEOUT_MS);
});

describe('fuzz: round trips', () => {
  it('a valid scenario written back as JSON parses to the same input and the same resolved scenario', () => {
    fc.assert(fc.property(validScenario, fc.constantFrom(0, 2), (value, indent) => {
      const first = validateScenarioValue(value);
      if (!first.ok) return;
      const text = JSON.stringify(first.input, null, indent);
      const again = parseScenarioText(text);
      expect(again.ok).toBe(true);
      if (!again.ok) return;
      expect(again.input).toEqual(first.input);
      expect(again.scenario).toEqual(first.scenario);
      // Printing is stable: the second print is the first, character for character.
      expect(JSON.stringify(again.input, null, indent)).toBe(text);
    }), fuzz(100));
  }, FUZZ_TIMEOUT_MS);
});

describe('scenario: regressions found by fuzzing', () => {
  it('a problem at the very end of the text is placed inside it', () => {
    // Counterexample: ";" (and "{", "[", a file cut before its last "}"): the range ran one past the end.
    for (const text of [';', '{', '[', '{"guest":', '{ "guest": { "ramGiB": 2,\n']) {
      const r = parseScenarioText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expectProblems(r.problems, text);
    }
  });

  it('thousands of nested brackets give one problem at the first too deep, not a stack overflow', () => {
    // Counterexample: "[" 20,000 times, or {"a": 5,000 times: jsonc-parser recursed until the stack ran out.
    for (const open of ['[', '{"a":', '{"guest":']) {
      const text = open.repeat(20_000);
      const r = parseScenarioText(text);
      expect(r).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/Nested more than 64 levels/) }] });
      if (!r.ok) expect(r.problems[0]?.range?.startOffset).toBe(64 * open.length);
    }
    expect(parseScenarioText(`${'['.repeat(64)}${']'.repeat(64)}`).ok).toBe(false);
  });

  it('a bandwidth just above 0 is refused with the field and the floor, not run into an infinite span', () => {
    // Counterexample: { "host": { "zeroingGBps2M": 5e-324 }, "guest": { "memoryBacking": "hugetlb-2m" } }.
    const r = parseScenarioText('{ "host": { "zeroingGBps2M": 5e-324 }, "guest": { "memoryBacking": "hugetlb-2m" } }');
    expect(r).toMatchObject({ ok: false, problems: [{ path: ['host', 'zeroingGBps2M'], message: expect.stringMatching(/host\.zeroingGBps2M must be at least 0\.01 GB\/s/) }] });
    for (const field of ['zeroingGBps', 'zeroingGBps1G', 'memoryBandwidthGBps']) {
      expect(validateScenarioValue({ host: { [field]: 1e-300 } }).ok, field).toBe(false);
      expect(validateScenarioValue({ host: { [field]: 0.01 }, guest: { ramGiB: 16_384 } }).ok, field).toBe(true);
    }
    const slowest = validateScenarioValue({ host: { zeroingGBps: 0.01, zeroingGBps2M: 0.01, zeroingGBps1G: 0.01, memoryBandwidthGBps: 0.01, numaRemoteFactor: 10 }, guest: { ramGiB: 16_384, numaPolicy: 'remote' } });
    if (slowest.ok) expectRunnable(slowest.scenario);
    expect(slowest.ok).toBe(true);
  });

  it('a run that fails throws once, from run(), and leaves no error to surface later', async () => {
    // A model bug used to be thrown twice: by run(), and again later by xstate for a state
    // observer without an error handler (an uncaught error in the page's console).
    const base = validateScenarioValue({});
    if (!base.ok) throw new Error('the default scenario is rejected');
    const broken = { ...base.scenario, host: { ...base.scenario.host, zeroingGBps: 1e-300 } };
    expect(() => run(broken)).toThrow(/duration Infinity/);
    const late: unknown[] = [];
    const onError = (err: unknown) => late.push(err);
    process.on('uncaughtException', onError);
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('uncaughtException', onError);
    expect(late).toEqual([]);
  });
});

describe('scenario: long quoted text, found by fuzzing', () => {
  it('a runaway key or word is quoted in part, so the message stays readable', () => {
    // Counterexamples: a key of 5,000 "k" (an "Unknown key" message of 5,032 characters) and an
    // unquoted word of 5,000 "w" pasted into a scenario.
    for (const text of [`{ "${'k'.repeat(5_000)}": 1 }`, `{ "guest": { "${'k'.repeat(5_000)}": 1 } }`, 'w'.repeat(5_000)]) {
      const r = parseScenarioText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]?.message).toMatch(/^(Unknown key|Unexpected word) "(k|w){40}…"/);
    }
  });
});
