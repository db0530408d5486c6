/**
 * Fuzzing the embed's query string: a host page (or whoever edits its markup) can put
 * anything in it. Reading it never throws and always gives well-typed, bounded parameters,
 * with a notice for each value it had to drop; starting the embed from them never throws
 * either. Run counts and seed: test/fuzz-settings.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMBED_VIEWS, readEmbedParams, type EmbedParams } from '../../src/app/embed/params.ts';
import { resolveStart } from '../../src/app/embed/start.ts';
import { lessonPart } from '../../src/app/embed/lesson-start.ts';
import { ID_PATTERN } from '../../src/app/embed/contract.ts';
import { encodeState, MAX_STATE_BYTES } from '../../src/app/url-state.ts';
import { fuzz, FUZZ_TIMEOUT_MS } from '../fuzz-settings.ts';

const NAMES = ['lesson', 'step', 'view', 'readonly', 'theme', 'autoplay', 'parent', 'id', 'z'];

const nasty = fc.constantFrom(
  '', ' ', '0', '1', '-1', '1.5', '1e300', '1e2', '0x10', '99', '100', '9'.repeat(30), 'NaN', 'Infinity', 'true', 'false', 'no', 'OFF',
  '../../etc/passwd', '04-prezero', '4', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', 'https://docs.example.com',
  'https://docs.example.com/', 'https://docs.example.com/path', 'http://[::1]:8080', 'https://*.example.com', '*', 'null', 'file:///etc',
  'memory', 'phases', 'light', 'dark', 'a'.repeat(65), '%', '%zz', '%00', '\u0000', '\uD800', '🙂',
);

/** encodeURIComponent, which throws on a lone surrogate; those still arrive unencoded in raw pairs. */
const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const value = fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 2_000 }));

/** A query string as a host page might write it: known names, unknown ones, repeats, raw or encoded. */
const query = fc.oneof(
  fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, fc.string({ maxLength: 8 })), value, fc.boolean()), { maxLength: 12 })
    .map((pairs) => `?${pairs.map(([k, v, raw]) => `${raw ? k : enc(k)}=${raw ? v : enc(v)}`).join('&')}`),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.webQueryParameters().map((q) => `?${q}`),
);

function expectBounded(p: EmbedParams): void {
  const keys = ['lesson', 'step', 'z', 'view', 'readonly', 'theme', 'autoplay', 'parent', 'id', 'notices'];
  expect(Object.keys(p).every((k) => keys.includes(k))).toBe(true);
  if (p.lesson !== undefined) expect(p.lesson).toMatch(/^[a-z0-9-]{1,64}$/i);
  if (p.step !== undefined) expect(Number.isInteger(p.step) && p.step >= 1 && p.step <= 99, `step ${p.step}`).toBe(true);
  if (p.z !== undefined) expect(typeof p.z === 'string' && p.z.length > 0).toBe(true);
  if (p.view !== undefined) expect(EMBED_VIEWS).toContain(p.view);
  expect(typeof p.readonly).toBe('boolean');
  expect(typeof p.autoplay).toBe('boolean');
  expect(['light', 'dark', 'auto']).toContain(p.theme);
  if (p.parent !== undefined) {
    const url = new URL(p.parent);
    expect(['http:', 'https:']).toContain(url.protocol);
    expect(url.origin).toBe(p.parent);
  }
  expect(p.id).toMatch(ID_PATTERN);
  for (const n of p.notices) expect(typeof n === 'string' && n.length > 10 && n.length < 200).toBe(true);
}

describe('fuzz: embed parameters', () => {
  it('arbitrary query strings give well-typed, bounded parameters', () => {
    fc.assert(fc.property(query, (q) => {
      expectBounded(readEmbedParams(q));
    }), fuzz(500));
  }, FUZZ_TIMEOUT_MS);

  it('a value that is dropped says so in a notice', () => {
    fc.assert(fc.property(fc.constantFrom('lesson', 'step', 'view'), value, (name, v) => {
      const p = readEmbedParams(`?${name}=${enc(v)}`);
      const kept = name === 'lesson' ? p.lesson : name === 'step' ? p.step : p.view;
      if (kept === undefined && v.trim() !== '') expect(p.notices.length, `"${v}" for ${name}`).toBe(1);
    }), fuzz(300));
  }, FUZZ_TIMEOUT_MS);

  it('starting an embed from arbitrary parameters never throws and gives a bounded start', async () => {
    await fc.assert(fc.asyncProperty(query, fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), async (q, scenario) => {
      // Sometimes a real state link rides along, so both the lesson and the state paths run.
      const withState = scenario === undefined ? q : `${q}&z=${encodeState({ page: 'playground', scenario })}`;
      const start = await resolveStart(readEmbedParams(withState), async (name, step) => lessonPart(name, step));
      expect(typeof start.text).toBe('string');
      expect(start.text.length).toBeLessThanOrEqual(MAX_STATE_BYTES);
      expect(EMBED_VIEWS).toContain(start.view);
      for (const n of start.notices) expect(typeof n === 'string' && n.length > 10 && n.length < 300).toBe(true);
    }), fuzz(120));
  }, FUZZ_TIMEOUT_MS);
});

describe('embed parameters: regressions found by fuzzing', () => {
  it('a step beyond any lesson, or written in hex or exponent notation, is refused with a notice', () => {
    for (const step of ['1e300', '9999999999999999999999', '100', '0x10', '1e1', '2.0']) {
      const p = readEmbedParams(`?lesson=04-prezero&step=${encodeURIComponent(step)}`);
      expect(p.step, step).toBeUndefined();
      expect(p.notices, step).toHaveLength(1);
    }
    expect(readEmbedParams('?step=99').step).toBe(99);
    expect(readEmbedParams('?step=%202%20').step).toBe(2);
  });
});
