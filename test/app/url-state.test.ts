import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { decodeState, encodeState, hashToPage, hashToRoute, hashToState, MAX_ENCODED_LENGTH, routeToHash, stateToHash } from '../../src/app/url-state.ts';

/** A payload exactly as an older build wrote it, bypassing today's encoder. */
const rawLink = (payload: unknown) =>
  Buffer.from(deflateSync(strToU8(JSON.stringify(payload)))).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

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

describe('lesson routes in the URL', () => {
  it('round-trips the lesson and its step, with a readable route in front of the state', () => {
    const state = { page: 'lesson' as const, scenario: '{}', lesson: '03-zeroing', step: 2 };
    const hash = stateToHash(state);
    expect(hash).toMatch(/^#\/lesson\/03-zeroing\?step=2&z=/);
    expect(hashToState(hash)).toEqual({ ok: true, state });
    expect(decodeState(encodeState(state))).toEqual({ ok: true, state });
  });

  it('lets the readable route win over the state it carries (a hand-edited step)', () => {
    const hash = stateToHash({ page: 'lesson', scenario: '{}', lesson: '03-zeroing', step: 2 }).replace('step=2', 'step=4');
    expect(hashToState(hash)).toEqual({ ok: true, state: { page: 'lesson', scenario: '{}', lesson: '03-zeroing', step: 4 } });
  });

  it('reads routes without state: lesson and step, the list, and a lesson without a step', () => {
    expect(hashToRoute('#/lesson/04-prezero?step=3')).toEqual({ page: 'lesson', lesson: '04-prezero', step: 3 });
    expect(hashToRoute('#/lesson/04-prezero')).toEqual({ page: 'lesson', lesson: '04-prezero' });
    expect(hashToRoute('#/lessons')).toEqual({ page: 'lessons' });
    expect(hashToRoute('#/lesson')).toEqual({ page: 'lessons' });
    expect(hashToRoute('#/compare')).toEqual({ page: 'compare' });
    expect(hashToRoute('')).toEqual({ page: 'playground' });
    expect(routeToHash({ page: 'lesson', lesson: '04-prezero', step: 3 })).toBe('#/lesson/04-prezero?step=3');
    expect(routeToHash({ page: 'lessons' })).toBe('#/lessons');
    expect(hashToState('#/lesson/04-prezero?step=3')).toBeUndefined();
  });

  it('ignores steps and lesson names that cannot be real', () => {
    expect(hashToRoute('#/lesson/04-prezero?step=0')).toEqual({ page: 'lesson', lesson: '04-prezero' });
    expect(hashToRoute('#/lesson/04-prezero?step=abc')).toEqual({ page: 'lesson', lesson: '04-prezero' });
    expect(hashToRoute('#/lesson/%3Cscript%3E')).toEqual({ page: 'lessons' });
    const d = decodeState(rawLink({ v: 1, page: 'lesson', scenario: '{}', lesson: '../etc', step: 1.5 }));
    expect(d).toEqual({ ok: true, state: { page: 'lesson', scenario: '{}' } });
  });

  it('falls back to the playground for unknown page names, in the route and in the state', () => {
    expect(hashToPage('#/presenter')).toBe('playground');
    expect(hashToRoute('#/Lesson/03-zeroing')).toEqual({ page: 'playground' });
    expect(decodeState(rawLink({ v: 1, page: 'slides', scenario: '{}' }))).toEqual({ ok: true, state: { page: 'playground', scenario: '{}' } });
    const hash = `#/slides?z=${rawLink({ v: 1, page: 'compare', scenario: '{}' })}`;
    expect(hashToState(hash)).toEqual({ ok: true, state: { page: 'compare', scenario: '{}' } });
  });

  it('still decodes links made before lessons existed', () => {
    const old = `#/compare?z=${rawLink({ v: 1, page: 'compare', scenario: '{ }', before: '{}', timeUs: 5, view: 'memory', selected: 3 })}`;
    expect(hashToState(old)).toEqual({ ok: true, state: { page: 'compare', scenario: '{ }', before: '{}', timeUs: 5, view: 'memory', selected: 3 } });
    expect(hashToState(`#/playground?z=${rawLink({ v: 1, page: 'playground', scenario: '{}' })}`)).toEqual({ ok: true, state: { page: 'playground', scenario: '{}' } });
  });
});
