/**
 * Exported pictures come from the run and the playhead: non-empty, the expected size, and
 * byte-identical for the same step exported twice (even after moving away and back).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function exportFrame(page: Page, kind: 'SVG' | 'PNG'): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: `This frame as ${kind}` }).click()]);
  const path = await download.path();
  return readFile(path);
}

describe('export', () => {
  it('gives the same SVG and PNG for the same step, of the expected size', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const errors = watchErrors(page);
    await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: '{ "name": "Export test" }' })}`);
    await page.locator('.timeline-panel svg.plot').waitFor();
    // A step is an event boundary: the start of the DMA map.
    await page.getByRole('button', { name: 'Step forward to the next event' }).click();
    await page.getByRole('button', { name: 'Step forward to the next event' }).click();
    const svg1 = (await exportFrame(page, 'SVG')).toString('utf8');
    expect(svg1.length).toBeGreaterThan(5_000);
    expect(svg1).toContain('Export test');
    expect(svg1).toContain('@font-face');
    expect(svg1).not.toMatch(/var\(--/);
    const png1 = await exportFrame(page, 'PNG');
    expect(png1.subarray(1, 4).toString()).toBe('PNG');
    const width = png1.readUInt32BE(16);
    const plotWidth = await page.locator('.timeline-panel svg.plot').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBe(Math.round(plotWidth + 32) * 2);
    // Select something (screen state), move away and come back: the same step gives the same bytes.
    await page.locator('.timeline-panel [data-phase="dma-map"]').first().click();
    await page.getByRole('button', { name: 'Step forward to the next event' }).click();
    await page.getByRole('button', { name: 'Step back to the previous event' }).click();
    const svg2 = (await exportFrame(page, 'SVG')).toString('utf8');
    const png2 = await exportFrame(page, 'PNG');
    const hash = (x: string | Buffer) => createHash('sha256').update(x).digest('hex');
    expect(hash(svg2)).toBe(hash(svg1));
    expect(hash(png2)).toBe(hash(png1));
    expect(errors).toEqual([]);
    await page.close();
  });
});
