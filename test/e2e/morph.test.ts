/**
 * design-language.md: when a run changes, its spans glide from the old geometry to the new
 * one over 240 ms; with reduced motion they jump. Zooming is not a new run and never glides.
 * The check reads a span's computed width the moment its new width is set: a transition
 * starts from the old value, so the computed width is still the old one.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const WAIT = { timeout: 15_000 };

async function open(reducedMotion: 'reduce' | 'no-preference') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(inject('baseURL'));
  await page.locator('.timeline-panel svg.plot').waitFor();
  await page.locator('.monaco-editor .view-lines').waitFor();
  return { page, errors, close: () => context.close() };
}

/** Watches the first DMA-map span's rect: at each new width, the width the page shows. */
async function watchSpan(page: Page): Promise<void> {
  await page.evaluate(() => {
    const rect = document.querySelector('.timeline-panel svg.plot g.span[data-phase="dma-map"] rect');
    if (!rect) throw new Error('no DMA-map span');
    const seen: { attr: number; shown: number; morphing: boolean }[] = [];
    (window as unknown as { __widths: typeof seen }).__widths = seen;
    (window as unknown as { __rect: Element }).__rect = rect;
    new MutationObserver(() => {
      seen.push({
        attr: Number(rect.getAttribute('width')),
        shown: parseFloat(getComputedStyle(rect).width),
        morphing: rect.closest('svg')?.classList.contains('morphing') ?? false,
      });
    }).observe(rect, { attributes: true, attributeFilter: ['width'] });
  });
}

const widths = (page: Page) => page.evaluate(() => (window as unknown as { __widths: { attr: number; shown: number; morphing: boolean }[] }).__widths);
const shownNow = (page: Page) => page.evaluate(() => {
  const rect = (window as unknown as { __rect: Element }).__rect;
  return { attr: Number(rect.getAttribute('width')), shown: parseFloat(getComputedStyle(rect).width) };
});

const creationText = (page: Page) => page.locator('[data-measure="vmCreationMs"] .v').textContent();

/** Records every text the VM creation time shows from now on. */
async function watchCreation(page: Page): Promise<{ valueBefore: string | null }> {
  const valueBefore = await page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms');
  await page.evaluate(() => {
    const v = document.querySelector('[data-measure="vmCreationMs"] .v');
    if (!v) throw new Error('no VM creation time');
    const texts: string[] = [];
    (window as unknown as { __texts: string[] }).__texts = texts;
    new MutationObserver(() => texts.push(v.textContent ?? '')).observe(v, { childList: true, characterData: true, subtree: true });
  });
  return { valueBefore };
}

async function turnOnPrezero(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-line', { hasText: '"prezeroFreePages"' }).locator('span > span', { hasText: /^false$/ }).dblclick();
  await page.keyboard.type('true');
}

describe('a new run morphs the timeline', () => {
  it('spans glide from their old width to the new one, and land on it', async () => {
    const { page, errors, close } = await open('no-preference');
    await watchSpan(page);
    const before = await shownNow(page);
    await turnOnPrezero(page);
    await expect.poll(async () => (await widths(page)).length, WAIT).toBeGreaterThan(0);
    const [first] = await widths(page);
    if (!first) throw new Error('no width change seen');
    // Pre-zeroing shortens the run: the span's width changes by many pixels.
    expect(Math.abs(first.attr - before.attr)).toBeGreaterThan(5);
    expect(first.morphing).toBe(true);
    expect(first.shown).toBeCloseTo(before.attr, 0);
    await expect.poll(async () => {
      const now = await shownNow(page);
      return Math.abs(now.shown - now.attr);
    }, WAIT).toBeLessThan(0.5);
    // Zooming afterwards is not a new run: the morph is over and the span follows at once.
    await page.waitForTimeout(400);
    const count = (await widths(page)).length;
    await page.locator('.timeline-panel svg.plot').focus();
    await page.keyboard.press('+');
    await expect.poll(async () => (await widths(page)).length, WAIT).toBeGreaterThan(count);
    const zoomed = (await widths(page))[count];
    expect(zoomed?.morphing).toBe(false);
    expect(zoomed?.shown).toBeCloseTo(zoomed?.attr ?? NaN, 0);
    expect(errors).toEqual([]);
    await close();
  });

  it('the measures count to their new values, and end on them', async () => {
    const { page, errors, close } = await open('no-preference');
    const texts = await watchCreation(page);
    const before = await creationText(page);
    await turnOnPrezero(page);
    await expect.poll(() => page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'), WAIT).not.toBe(texts.valueBefore);
    const final = (Number(await page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms')) / 1000).toFixed(1);
    await expect.poll(() => creationText(page), WAIT).toBe(final);
    const seen = await page.evaluate(() => (window as unknown as { __texts: string[] }).__texts);
    // Numbers between the old and the new one were shown on the way.
    const between = seen.filter((t) => Number(t) < Number(before) && Number(t) > Number(final));
    expect(between.length, seen.join(' ')).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('with reduced motion, spans jump to the new run and the measures show their new values at once', async () => {
    const { page, errors, close } = await open('reduce');
    const texts = await watchCreation(page);
    await watchSpan(page);
    await turnOnPrezero(page);
    await expect.poll(async () => (await widths(page)).length, WAIT).toBeGreaterThan(0);
    const [first] = await widths(page);
    expect(first?.shown).toBeCloseTo(first?.attr ?? NaN, 0);
    await expect.poll(() => page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'), WAIT).not.toBe(texts.valueBefore);
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => (window as unknown as { __texts: string[] }).__texts)).toHaveLength(1);
    expect(errors).toEqual([]);
    await close();
  });
});
