/**
 * Fuzzing share links: whatever a chat client, a hand edit or an attacker does to the hash,
 * opening it never throws, and gives either a state whose every field is well-typed and
 * bounded, or a message saying why the link cannot be used. Run counts and seed:
 * test/fuzz-settings.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import {
  decodeState, encodeState, hashToRoute, hashToState, MAX_ENCODED_LENGTH, MAX_STATE_BYTES, PAGES, stateToHash,
  type Decoded, type Route, type UrlState,
} from '../../src/app/url-state.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';

const LESSON_ID = /^[0-9]{2}-[a-z0-9-]{1,60}$/;
const KEYS = ['page', 'scenario', 'before', 'timeUs', 'view', 'selected', 'lesson', 'step', 'stepText'];

const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** A payload exactly as some build (older, newer, or a forger's) could have written it. */
const rawLink = (payload: unknown) => toBase64Url(deflateSync(strToU8(JSON.stringify(payload) ?? 'null')));

/** The presenter pages take the lesson and step as written and name what is wrong themselves. */
const SLIDE_PAGES: readonly string[] = ['present', 'speaker'];

function expectRoute(r: Route, onlyRoute = true): void {
  expect(PAGES).toContain(r.page);
  if (onlyRoute) expect(Object.keys(r).every((k) => ['page', 'lesson', 'step', 'stepText'].includes(k))).toBe(true);
  if (r.lesson !== undefined) {
    if (SLIDE_PAGES.includes(r.page)) expect(typeof r.lesson === 'string' && r.lesson.length > 0 && r.lesson.length <= 80).toBe(true);
    else expect(r.lesson).toMatch(LESSON_ID);
  }
  if (r.step !== undefined) expect(Number.isInteger(r.step) && r.step >= 1 && r.step <= 99).toBe(true);
  if (r.stepText !== undefined) expect(SLIDE_PAGES.includes(r.page) && r.stepText.length <= 20).toBe(true);
}

/** Every field well-typed and bounded, or a message a reader understands. */
function expectDecoded(d: Decoded | undefined): void {
  if (d === undefined) return;
  if (!d.ok) {
    expect(d.message).toMatch(/^This link .{10,}/);
    expect(d.message.length, d.message.slice(0, 100)).toBeLessThanOrEqual(300);
    return;
  }
  const s: UrlState = d.state;
  expect(Object.keys(s).every((k) => KEYS.includes(k)), `keys ${Object.keys(s).join(', ')}`).toBe(true);
  expectRoute(s, false);
  expect(typeof s.scenario).toBe('string');
  expect(s.scenario.length + (s.before?.length ?? 0)).toBeLessThanOrEqual(MAX_STATE_BYTES);
  if (s.before !== undefined) expect(typeof s.before).toBe('string');
  if (s.timeUs !== undefined) expect(Number.isSafeInteger(s.timeUs) && s.timeUs >= 0).toBe(true);
  if (s.view !== undefined) expect(typeof s.view === 'string' && s.view.length < 40).toBe(true);
  if (s.selected !== undefined) expect(Number.isSafeInteger(s.selected) && s.selected >= 0).toBe(true);
}

/** Values of every type, with the extremes a tampered link can carry. */
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, '', -1, 0, -0, 1.5, 1e308, -1e308, 5e-324, 2 ** 53, 1e21, 99, 100, 'playground', 'lesson',
    '../../../etc/passwd', '..%2F..%2Fx', '03-zeroing/../../x', '<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '03-zeroing\n', ' 03-zeroing'),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A payload of the right outline whose fields may each be of any type or size. */
const shapedPayload = fc.record(
  {
    v: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, fc.constantFrom(0, 2, '1', 1.5, null, -1, 1e9, 'v'.repeat(5_000), { v: 2 }), anyValue),
    page: fc.oneof(fc.constantFrom(...PAGES), anyValue),
    scenario: fc.oneof(fc.string({ maxLength: 200 }), anyValue),
    before: fc.oneof(fc.string({ maxLength: 50 }), anyValue),
    timeUs: fc.oneof(fc.nat(), anyValue),
    view: fc.oneof(fc.constantFrom('phases', 'memory', 'x'.repeat(39), 'x'.repeat(40)), anyValue),
    selected: fc.oneof(fc.nat(), anyValue),
    lesson: fc.oneof(fc.constantFrom('03-zeroing', '04-prezero'), fc.stringMatching(/^[0-9]{2}-[a-z0-9-]{1,60}$/), anyValue),
    step: fc.oneof(fc.integer({ min: -2, max: 120 }), anyValue),
  },
  { requiredKeys: [] },
);

/** Valid states, as the app writes them. */
const validState: fc.Arbitrary<UrlState> = fc.record(
  {
    page: fc.constantFrom(...PAGES),
    scenario: fc.string({ unit: 'grapheme', maxLength: 300 }),
    before: fc.string({ maxLength: 100 }),
    timeUs: fc.maxSafeNat(),
    view: fc.string({ maxLength: 39 }),
    selected: fc.maxSafeNat(),
    lesson: fc.stringMatching(/^[0-9]{2}-[a-z0-9-]{1,60}$/),
    step: fc.integer({ min: 1, max: 99 }),
  },
  { requiredKeys: ['page', 'scenario'] },
);

const base64UrlChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split(''));

describe('fuzz: share links', () => {
  it('arbitrary text, base64 garbage and whole hashes never throw', () => {
    fc.assert(fc.property(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: base64UrlChar, maxLength: 400 })),
      fc.constantFrom('#/', '#/playground?z=', '#/lesson/03-zeroing?step=2&z=', '#/lesson/', '#?z=', '#/compare?', '', '#/present/', '#/speaker/04-prezero?step=', '#/present/%3Cimg%20src=x%3E?step=2&z='),
      (text, prefix) => {
        expectDecoded(decodeState(text));
        expectDecoded(hashToState(prefix + text));
        expectRoute(hashToRoute(prefix + text));
      },
    ), fuzz(400));
  }, FUZZ_TIMEOUT_MS);

  it('truncated links and links with flipped bits are refused with a message or decode to a bounded state', () => {
    fc.assert(fc.property(validState, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { maxLength: 4 }), (state, cut, flips) => {
      const link = encodeState(state);
      expectDecoded(decodeState(link.slice(0, cut % (link.length + 1))));
      const bytes = new Uint8Array(Buffer.from(link.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
      for (const [at, bit] of flips) if (bytes.length > 0) bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ (1 << bit);
      expectDecoded(decodeState(toBase64Url(bytes)));
    }), fuzz(300));
  }, FUZZ_TIMEOUT_MS);

  it('payloads of any version and any shape: wrong types, huge times, negative steps, hostile lesson ids', () => {
    fc.assert(fc.property(fc.oneof({ weight: 4, arbitrary: shapedPayload }, fc.jsonValue()), fc.constantFrom('#/playground', '#/lesson/04-prezero?step=3', '#/x', '#/present/..%2F..%2Fetc?step=-1'), (payload, route) => {
      const z = rawLink(payload);
      const d = decodeState(z);
      expectDecoded(d);
      expectDecoded(hashToState(`${route}${route.includes('?') ? '&' : '?'}z=${z}`));
      const p = payload as Record<string, unknown> | null;
      // A state from another version is refused, never guessed at.
      if (p && typeof p === 'object' && !Array.isArray(p) && p.v !== 1) expect(d.ok).toBe(false);
      // What a well-formed field says is kept.
      if (d.ok && p && typeof p === 'object' && !Array.isArray(p)) {
        expect(d.state.scenario).toBe(p.scenario);
        if (typeof p.lesson === 'string' && LESSON_ID.test(p.lesson)) expect(d.state.lesson).toBe(p.lesson);
      }
    }), fuzz(400));
  }, FUZZ_TIMEOUT_MS);

  it('oversized links are refused before any work, with a message', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4096 }), base64UrlChar, (extra, ch) => {
      const d = decodeState(ch.repeat(MAX_ENCODED_LENGTH + extra));
      expect(d).toMatchObject({ ok: false, message: expect.stringMatching(/too long/) });
    }), fuzz(20));
  }, FUZZ_TIMEOUT_MS);

  it('valid states round-trip: decode(encode(s)) is s, and encoding it again gives the same link', () => {
    fc.assert(fc.property(validState, (state) => {
      const d = decodeState(encodeState(state));
      expect(d).toEqual({ ok: true, state });
      if (d.ok) expect(encodeState(d.state)).toBe(encodeState(state));
      expectDecoded(hashToState(stateToHash(state)));
    }), fuzz(200));
  }, FUZZ_TIMEOUT_MS);
});

describe('share links: regressions found by fuzzing', () => {
  it('a short link that inflates to megabytes of text is refused, not handed to the editor', () => {
    // A 5 KB link holding 5 MB of text. The largest link allowed held 48 MB: it took half a
    // second to decode, then froze the editor.
    const bomb = rawLink({ v: 1, page: 'playground', scenario: ' '.repeat(5_000_000) });
    expect(bomb.length).toBeLessThanOrEqual(MAX_ENCODED_LENGTH);
    expect(decodeState(bomb)).toMatchObject({ ok: false, message: expect.stringMatching(/^This link holds more/) });
  });

  it('a huge playhead time or a negative, fractional or huge selection is dropped, the rest kept', () => {
    const d = decodeState(rawLink({ v: 1, page: 'playground', scenario: '{}', timeUs: 1e308, selected: -3 }));
    expect(d).toEqual({ ok: true, state: { page: 'playground', scenario: '{}' } });
    expect(decodeState(rawLink({ v: 1, page: 'playground', scenario: '{}', selected: 1e300 }))).toEqual({ ok: true, state: { page: 'playground', scenario: '{}' } });
  });

  it('a version of any length is quoted in part', () => {
    // Counterexample: { "v": "vvv…" (5,000 characters) } gave a 5,091-character message.
    const d = decodeState(rawLink({ v: 'v'.repeat(5_000), page: 'playground', scenario: '{}' }));
    expect(d).toEqual({ ok: false, message: `This link was made by a newer or unknown version ("${'v'.repeat(19)}); the default scenario is shown instead.` });
    expect(decodeState(rawLink({ v: 2, scenario: '{}' }))).toMatchObject({ ok: false, message: expect.stringMatching(/version \(2\)/) });
  });
});
