/**
 * The memory view against the Trace: the drawn page states agree with the counters, and
 * the fixes change the picture and the walk counts the way the talk says.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import { validateScenarioValue } from '../../src/sim/scenario/parse.ts';
import { run } from '../../src/sim/engine/run.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openMemory(scenario: object, timeUs?: number) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  const errors = watchErrors(page);
  const text = JSON.stringify(scenario, null, 2);
  await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: text, view: 'memory', ...(timeUs !== undefined ? { timeUs } : {}) })}`);
  await page.locator('canvas[data-cells]').waitFor();
  return { page, errors };
}

function traceOf(value: object) {
  const r = validateScenarioValue(value);
  if (!r.ok) throw new Error('bad scenario');
  return run(r.scenario);
}

const cellsOf = (page: Page) => page.locator('canvas[data-cells]').getAttribute('data-cells');
const counter = async (page: Page, label: string) =>
  Number((await page.locator('.counters tr', { hasText: label }).locator('td.num').textContent())?.replace(/,/g, ''));

describe('memory view', () => {
  it('draws, for a guest that fits the window, exactly the pages the counters count', async () => {
    const scenario = {
      guest: { ramGiB: 1 / 256 }, devices: { count: 1 }, firmware: { pamWrites: 3 },
      optimizations: { prezeroFreePages: true }, host: { freePool: { prezeroedShare: 0.5 }, prezeroWorker: { batchMiB: 1, delayMs: 3600000 } },
    };
    const trace = traceOf(scenario);
    const { page, errors } = await openMemory(scenario, trace.markers.firstKernelLogUs);
    const cells = (await cellsOf(page)) ?? '';
    expect(cells.length).toBe(trace.memory.totalPages);
    const count = (code: string) => [...cells].filter((c) => c === code).length;
    expect(count('p')).toBe(trace.counters.pagesPinned);
    expect(await counter(page, 'Pages pinned')).toBe(trace.counters.pagesPinned);
    expect(await counter(page, 'Pages zeroed')).toBe(trace.counters.pagesZeroed);
    expect(await counter(page, 'Zeroings skipped')).toBe(trace.counters.zeroingsSkipped);
    // The VGA window is never mapped: its pages stay free, half of them pre-zeroed.
    expect(count('d') + count('Z')).toBe(trace.memory.totalPages - trace.counters.pagesPinned);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows fewer walks in bulk, and huge pages as blocks', async () => {
    const base = { guest: { ramGiB: 8 } };
    const each = await openMemory(base);
    const eachEnd = traceOf(base).markers.firstKernelLogUs;
    await each.page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: JSON.stringify(base), view: 'memory', timeUs: eachEnd })}`);
    await each.page.locator('canvas[data-cells]').waitFor();
    const readsEach = await counter(each.page, 'Page-table reads');
    const bulk = { ...base, optimizations: { bulkPinning: true } };
    await each.page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: JSON.stringify(bulk), view: 'memory', timeUs: traceOf(bulk).markers.firstKernelLogUs })}`);
    await each.page.locator('canvas[data-cells]').waitFor();
    const readsBulk = await counter(each.page, 'Page-table reads');
    expect(readsBulk).toBeLessThan(readsEach / 2);
    const thp = { guest: { ramGiB: 8, memoryBacking: 'thp' } };
    await each.page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: JSON.stringify(thp), view: 'memory', timeUs: 2_000_000 })}`);
    await each.page.locator('canvas[data-cells]').waitFor();
    expect(await each.page.locator('canvas[data-cells]').getAttribute('data-subpages')).toBe('512');
    expect(each.errors).toEqual([]);
    await each.page.close();
  });
});

describe('memory view links', () => {
  it('clicking a page shows its history and selects the span that pinned it', async () => {
    const { page, errors } = await openMemory({ guest: { ramGiB: 8 } }, 1_500_000);
    const canvas = page.locator('canvas[data-cells]');
    await canvas.click({ position: { x: 3, y: 3 } });
    await expect.poll(() => page.locator('[role="region"][aria-label^="History of page"]').textContent()).toMatch(/page\.pin/);
    await expect.poll(() => page.locator('[data-selected-span]').textContent()).toMatch(/VFIO_IOMMU_MAP_DMA/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
