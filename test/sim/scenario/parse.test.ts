import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenarioText, validateScenarioValue } from '../../../src/sim/scenario/parse.ts';

function problemsOf(text: string) {
  const r = parseScenarioText(text);
  if (r.ok) throw new Error(`expected problems for ${text}`);
  return r.problems;
}

describe('parseScenarioText', () => {
  it('accepts the empty object and resolves the talk baseline', () => {
    const r = parseScenarioText('{}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.host.profile).toBe('didi-2020');
    expect(r.scenario.guest.ramGiB).toBe(256);
    expect(r.scenario.devices).toMatchObject({ gpu: 'tesla-p40', count: 4, resetMethod: 'bus' });
    expect(r.scenario.firmware).toMatchObject({ kind: 'seabios', bootMenu: true, bootMenuWaitMs: 2500, grubTimeoutS: 5 });
    expect(Object.values(r.scenario.optimizations).filter((v) => v === true)).toEqual([]);
  });

  it('keeps comments and trailing commas (JSONC)', () => {
    const r = parseScenarioText('// baseline\n{ "guest": { "ramGiB": 64, /* small */ }, }');
    expect(r.ok && r.scenario.guest.ramGiB).toBe(64);
  });

  it('lets user fields override the host profile', () => {
    const r = parseScenarioText('{ "host": { "profile": "broadwell-2node", "zeroingGBps": 7 } }');
    expect(r.ok && r.scenario.host.zeroingGBps).toBe(7);
    expect(r.ok && r.scenario.host.gupCallNs).toBe(82);
  });

  it('names the field, the bound and the unit for out-of-range values', () => {
    const [neg] = problemsOf('{ "guest": { "ramGiB": -5 } }');
    expect(neg?.message).toMatch(/guest\.ramGiB must be at least .* GiB; it is -5/);
    expect(neg?.path).toEqual(['guest', 'ramGiB']);
    expect(neg?.range).toMatchObject({ startLine: 1, startColumn: 24 });

    const [huge] = problemsOf('{ "guest": { "ramGiB": 10485760 } }'); // 10 PiB
    expect(huge?.message).toMatch(/above the largest the model supports \(16,384 GiB\)/);

    const [zero] = problemsOf('{ "guest": { "vcpus": 0 } }');
    expect(zero?.message).toMatch(/guest\.vcpus must be at least 1/);

    const [gpus] = problemsOf('{ "devices": { "count": 1000 } }');
    expect(gpus?.message).toMatch(/devices\.count .* above the largest the model supports \(16\)/);

    const [frac] = problemsOf('{ "devices": { "count": 2.5 } }');
    expect(frac?.message).toMatch(/whole number/);
  });

  it('reports unknown keys at the key, with a suggestion', () => {
    const text = '{\n  "guest": {\n    "ramGB": 64\n  }\n}';
    const [p] = problemsOf(text);
    expect(p?.message).toBe('Unknown key "ramGB" in guest. Did you mean "ramGiB"?');
    expect(p?.range).toMatchObject({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 12 });
    expect(text.slice(p?.range?.startOffset, p?.range?.endOffset)).toBe('"ramGB"');
  });

  it('reports wrong types and unknown enum values in words', () => {
    const problems = problemsOf('{ "optimizations": { "bulkPinning": "yes" }, "guest": { "memoryBacking": "thpp" } }');
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'optimizations.bulkPinning must be true or false, not the text "yes".',
        expect.stringMatching(/guest\.memoryBacking must be one of .*"thp".*Did you mean "thp"\?/),
      ]),
    );
  });

  it('turns syntax errors, NaN and an empty editor into problems with ranges', () => {
    const [nan] = problemsOf('{ "guest": { "ramGiB": NaN } }');
    expect(nan?.message).toMatch(/NaN is not a number JSON can hold/);
    expect(nan?.range?.startColumn).toBe(24);
    expect(problemsOf('{ "guest": { "ramGiB": 64 }')[0]?.message).toMatch(/closing brace/);
    expect(problemsOf('   ')[0]?.message).toMatch(/empty/);
    expect(problemsOf('[1, 2]')[0]?.message).toMatch(/the scenario must be an object/);
  });

  it('names each kind of syntax error in words, where it happens', () => {
    const first = (text: string) => problemsOf(text)[0];
    expect(first('{ "guest" { } }')?.message).toBe('A colon ":" is expected after the key.');
    expect(first('{ "guest": { "ramGiB": 64 "vcpus": 8 } }')?.message).toBe('A comma is expected between entries.');
    expect(first("{ 'guest': { } }")?.message).toBe('Strings need double quotes ("…"), not single quotes.');
    expect(first('{ "name": "open }')?.message).toBe('A string is missing its closing double quote.');
    expect(first('{ "devices": { "barMiB": [1, 2')?.message).toBe('A closing bracket "]" is missing.');
    expect(first('{ "seed": 1 } }')?.message).toBe('Text after the end of the scenario object.');
    expect(first('{ /* open ')?.message).toBe('A /* comment is not closed with */.');
    const colon = first('{\n  "guest" { }\n}');
    expect(colon?.range).toMatchObject({ startLine: 2, startColumn: 11 });
  });

  it('returns warnings for settings with no effect, and still runs', () => {
    const r = parseScenarioText('{ "host": { "freePool": { "prezeroedShare": 0.5 } } }');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings[0]?.message).toMatch(/no effect while optimizations\.prezeroFreePages is off/);
    expect(r.warnings[0]?.range?.startLine).toBe(1);
  });

  it('never throws on arbitrary text: it gives a scenario or problems with messages', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseScenarioText(text);
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(p.message.length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON values, including extreme numbers', () => {
    const extreme = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 5e-324));
    const shaped = fc.record(
      {
        guest: fc.record({ ramGiB: extreme, vcpus: extreme, memoryBacking: fc.string() }, { requiredKeys: [] }),
        devices: fc.record({ count: extreme, gpu: fc.string(), barMiB: fc.array(extreme) }, { requiredKeys: [] }),
        firmware: fc.record({ grubTimeoutS: extreme, pamWrites: extreme }, { requiredKeys: [] }),
        optimizations: fc.record({ pinThreads: extreme, bulkPinning: fc.anything() }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), shaped), (value) => {
        const r = validateScenarioValue(value);
        if (!r.ok) for (const p of r.problems) expect(p.message).toMatch(/\w/);
      }),
      { numRuns: 500 },
    );
  });
});
