import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodeState, hashToState, MAX_ENCODED_LENGTH, stateToHash } from '../../src/app/url-state.ts';

describe('URL state', () => {
  it('round-trips the whole state, comments in the scenario included', () => {
    const state = {
      page: 'compare' as const,
      scenario: '// mine\n{ "guest": { "ramGiB": 48 } }',
      before: '{}',
      timeUs: 1_620_000,
      view: 'statechart',
      selected: 7,
    };
    const back = hashToState(stateToHash(state));
    expect(back).toEqual({ ok: true, state });
  });

  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (scenario) => {
      expect(decodeState(encodeState({ page: 'playground', scenario }))).toEqual({ ok: true, state: { page: 'playground', scenario } });
    }));
  });

  it('keeps links short: the talk scenario with comments fits a chat message', () => {
    const text = `// Talk baseline + the two memory fixes\n${JSON.stringify({ host: { profile: 'didi-2020' }, guest: { ramGiB: 256, memoryBacking: 'thp' }, optimizations: { prezeroFreePages: true } }, null, 2)}`;
    expect(stateToHash({ page: 'playground', scenario: text }).length).toBeLessThan(400);
  });

  it('refuses damaged, truncated, foreign, future and oversized links with a message', () => {
    const good = encodeState({ page: 'playground', scenario: '{}' });
    for (const bad of [good.slice(0, good.length - 6), 'not-base64-!!', encodeState({ page: 'playground', scenario: '{}' }).replace(/^./, 'A')]) {
      const d = decodeState(bad);
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.message.length).toBeGreaterThan(10);
    }
    expect(decodeState('x'.repeat(MAX_ENCODED_LENGTH + 1))).toMatchObject({ ok: false, message: expect.stringMatching(/too long/) });
    expect(hashToState('#/playground')).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const d = decodeState(s);
      expect(typeof d.ok).toBe('boolean');
    }));
  });
});
