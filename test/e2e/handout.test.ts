/**
 * The printable handout and the step images, in Chromium against the build: one page per
 * step with its still, page breaks and the light theme on paper, stills that are the same
 * bytes every time, a zip of SVGs and PNGs of the expected size, and "Embed this" from the
 * playground's top bar and the lesson page, opened and closed from the keyboard.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { launch, watchErrors } from './browser.ts';
import { loadLessons } from '../../src/lessons/index.ts';
import { decodeState, stateToHash } from '../../src/app/url-state.ts';
import { STILL_PNG_SCALE, STILL_WIDTH } from '../../src/ui/handout/still-size.ts';

const WAIT = { timeout: 20_000 };
const LESSON = '04-prezero';
const lesson = loadLessons().lessons.find((l) => l.id === LESSON);
if (!lesson) throw new Error(`no lesson ${LESSON}`);
const STEPS = lesson.steps.length;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(hash: string, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, colorScheme, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${hash}`);
  return { page, errors, close: () => context.close() };
}

/** Every still's SVG as the page draws it, once each has measured its box. */
async function stillMarkup(page: Page): Promise<string[]> {
  await page.locator('[data-handout-step] [data-still] svg.plot').nth(STEPS - 1).waitFor(WAIT);
  await page.waitForFunction((n) => Array.from(document.querySelectorAll('[data-still] svg.plot')).filter((s) => s.getAttribute('width') === String(n)).length > 0, STILL_WIDTH - 120, WAIT);
  return page.locator('[data-handout-step] [data-still] svg.plot').evaluateAll((els) => els.map((e) => e.outerHTML));
}

async function downloadZip(page: Page, click: () => Promise<void>): Promise<Record<string, Uint8Array>> {
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), click()]);
  expect(download.suggestedFilename()).toBe(`${LESSON}-steps.zip`);
  return unzipSync(new Uint8Array(await readFile(await download.path())));
}

const pngSize = (png: Uint8Array) => {
  const b = Buffer.from(png);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

describe('handout', () => {
  it('shows one page per step, each with its title, prose, still, measures and goals', async () => {
    const { page, errors, close } = await open(`#/handout/${LESSON}`);
    const sheets = page.locator('[data-handout-step]');
    await sheets.first().waitFor(WAIT);
    expect(await sheets.count()).toBe(STEPS);
    for (let k = 0; k < STEPS; k++) {
      const sheet = sheets.nth(k);
      await expect(sheet.locator('h2').textContent()).resolves.toBe(lesson.steps[k]?.title);
      expect(await sheet.locator('.prose p').count()).toBeGreaterThan(0);
      expect(await sheet.locator('[data-still] svg.plot').count()).toBe(1);
      expect(await sheet.locator('[data-measure]').count()).toBe(3);
      expect(await sheet.locator('[data-goal]').count()).toBe(lesson.goals.length);
    }
    // Step 1 on a quiet host meets every goal; step 2 after a large job does not.
    expect(await sheets.nth(0).locator('[data-goal]').evaluateAll((els) => els.map((e) => e.getAttribute('data-passing')))).toEqual(lesson.goals.map(() => 'true'));
    expect(await sheets.nth(1).locator('[data-goal][data-passing="false"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('draws the same still for a step on every visit, in the light theme on a dark page', async () => {
    const first = await open(`#/handout/${LESSON}`, 'dark');
    const a = await stillMarkup(first.page);
    // The page is dark, its stills light.
    expect(await first.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await first.page.locator('[data-still]').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await first.page.locator('[data-handout-step]').first().evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 255, 255)');
    const second = await open(`#/handout/${LESSON}`, 'light');
    const b = await stillMarkup(second.page);
    expect(a).toHaveLength(STEPS);
    expect(b).toEqual(a);
    // Different steps are different pictures (the playhead and the run move).
    expect(new Set(a).size).toBeGreaterThan(1);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.close();
    await second.close();
  });

  it('prints one page per step, light, without the page chrome', async () => {
    const { page, errors, close } = await open(`#/handout/${LESSON}`, 'dark');
    await stillMarkup(page);
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('[data-handout-step]').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter));
    expect(breaks).toEqual([...Array(STEPS - 1).fill('page'), 'auto']);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.locator('[data-handout-step]').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await page.locator('[data-handout-step] h2').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(22, 26, 32)');
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page(?![a-z])/g)?.length).toBe(STEPS);
    expect(errors).toEqual([]);
    await close();
  });

  it('downloads every step as SVG and PNG in one zip, the same bytes twice', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=2`);
    await page.locator('[data-lesson]').waitFor(WAIT);
    const fromLesson = await downloadZip(page, async () => {
      await page.locator('[data-more-menu]').click();
      await page.getByRole('button', { name: 'Download step images' }).click();
    });
    const names = Object.keys(fromLesson).sort();
    const expected = Array.from({ length: STEPS }, (_, i) => [`${LESSON}-step-0${i + 1}.png`, `${LESSON}-step-0${i + 1}.svg`]).flat().sort();
    expect(names).toEqual(expected);
    for (let k = 1; k <= STEPS; k++) {
      const svg = strFromU8(fromLesson[`${LESSON}-step-0${k}.svg`] ?? new Uint8Array());
      expect(svg).toContain(`step ${k} of ${STEPS}: ${lesson.steps[k - 1]?.title}`);
      expect(svg).toContain('@font-face');
      expect(svg).not.toMatch(/var\(--/);
      // Lane names are part of the picture.
      expect(svg).toContain('>QEMU main</text>');
      const w = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
      const h = Number(/^<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
      expect(w).toBe(STILL_WIDTH + 32);
      const png = fromLesson[`${LESSON}-step-0${k}.png`] ?? new Uint8Array();
      expect(png.length).toBeGreaterThan(20_000);
      expect(pngSize(png)).toEqual({ width: w * STILL_PNG_SCALE, height: h * STILL_PNG_SCALE });
    }
    // The handout's button gives the very same files, whatever step the lesson page was on.
    await page.goto(`${inject('baseURL')}#/handout/${LESSON}`);
    await stillMarkup(page);
    const fromHandout = await downloadZip(page, () => page.getByRole('button', { name: 'Download step images' }).click());
    for (const name of names) expect(Buffer.from(fromHandout[name] ?? []).equals(Buffer.from(fromLesson[name] ?? []))).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('passes axe-core with no serious or critical violation, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await open(`#/handout/${LESSON}`, scheme);
      await stillMarkup(page);
      await page.addScriptTag({ content: AXE_SOURCE });
      const results = await page.evaluate(() => (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { resultTypes: ['violations'] }) as Promise<AxeResults>);
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious, scheme).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('names the lesson it cannot find, and links the ones there are', async () => {
    const { page, errors, close } = await open('#/handout/99-nothing');
    await expect(page.getByRole('alert').locator('h1').textContent(WAIT)).resolves.toBe('There is no lesson “99-nothing” to print');
    expect(await page.locator(`a[href="#/handout/${LESSON}"]`).count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('embed this', () => {
  async function expectTrappedAndClosed(page: Page, opener: string) {
    const dialog = page.getByRole('dialog', { name: 'Embed this' });
    expect(await dialog.isVisible()).toBe(true);
    // Tab goes round inside the modal dialog.
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, opener)).toBe(true);
  }

  it('gives the playground\'s scenario and view from the top bar, and closes with Escape', async () => {
    const scenario = '{ "name": "Embed me", "guest": { "ramGiB": 96 } }';
    const { page, errors, close } = await open(stateToHash({ page: 'playground', scenario, view: 'memory' }));
    const button = page.getByRole('button', { name: 'Embed this' });
    await button.waitFor(WAIT);
    await button.focus();
    await page.keyboard.press('Enter');
    const html = await page.locator('#embed-snippet-html').inputValue();
    const z = /scenario="([^"]+)"/.exec(html)?.[1] ?? '';
    const decoded = decodeState(z);
    expect(decoded.ok && decoded.state.scenario).toBe(scenario);
    expect(html).toContain('view="memory"');
    expect(await page.locator('#embed-snippet-markdown').inputValue()).toContain('96 GiB');
    await expectTrappedAndClosed(page, '[data-embed]');
    expect(errors).toEqual([]);
    await close();
  });

  it('gives the lesson and step on the lesson page, with the reader\'s theme', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=2`, 'light');
    await page.locator('[data-lesson]').waitFor(WAIT);
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page.locator('[data-more-menu]').click();
    await page.getByRole('button', { name: 'Embed this step…' }).click();
    const html = await page.locator('#embed-snippet-html').inputValue();
    expect(html).toContain(`lesson="${LESSON}"`);
    expect(html).toContain('step="2"');
    expect(html).not.toContain('scenario=');
    expect(html).toContain('theme="dark"');
    await expectTrappedAndClosed(page, '[data-more-menu]');
    expect(errors).toEqual([]);
    await close();
  });
});
