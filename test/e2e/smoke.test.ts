import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the built page', () => {
  it('runs the talk baseline in the browser and shows the three measures in minutes and seconds', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(inject('baseURL'));
    const creation = page.locator('[data-measure="vmCreationMs"] .v');
    await creation.waitFor();
    const value = Number(await creation.textContent());
    // The talk: a GPU VM with 256 GiB takes minutes.
    expect(value).toBeGreaterThan(60);
    const init = Number(await page.locator('[data-measure="vmInitializationMs"] .v').textContent());
    const bios = Number(await page.locator('[data-measure="biosExecutionMs"] .v').textContent());
    expect(init + bios).toBeCloseTo(value, 0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
