/**
 * The IOVA and Resets views against the Trace, in a browser: the talk's fixes change what
 * is drawn (unmap ticks, reset rows), the views link to the timeline both ways, a CPU VM
 * says in words that there is nothing to show, and screenshots at a few playhead positions
 * in both themes land in test-results/screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import { parseScenarioText } from '../../src/sim/scenario/parse.ts';
import { run } from '../../src/sim/engine/run.ts';

const SHOTS = 'test-results/screenshots';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** The talk's baseline as JSONC, with the switches under test written out. */
function scenarioText(opts: Record<string, boolean> = {}, ramGiB = 64): string {
  const lines = Object.entries(opts).map(([k, v]) => `    "${k}": ${v}`);
  return `// mechanisms test
{
  "host": { "profile": "didi-2020" },
  "guest": { "ramGiB": ${ramGiB} },  // small enough to run fast, large enough for 3 GiB below the hole
  "devices": { "gpu": "tesla-p40", "count": 4 },
  "firmware": { "pamWrites": 13 },
  "optimizations": {
${lines.join(',\n')}
  }
}`;
}

function traceOf(text: string) {
  const p = parseScenarioText(text);
  if (!p.ok) throw new Error(`bad scenario: ${p.problems.map((x) => x.message).join('; ')}`);
  return run(p.scenario);
}

async function open(text: string, view: 'iova' | 'resets', timeUs?: number, dark = false) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1400 }, reducedMotion: 'reduce', colorScheme: dark ? 'dark' : 'light' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: text, view, ...(timeUs !== undefined ? { timeUs } : {}) })}`);
  await page.locator(view === 'iova' ? '[data-iova-caption]' : '[data-resets-caption]').waitFor();
  return { page, errors, close: () => context.close() };
}

const unmapTicks = (page: Page) => page.locator('svg[data-ioctl-strip] path[data-kind="unmap"]').count();
const mapTicks = (page: Page) => page.locator('svg[data-ioctl-strip] path[data-kind="map"]').count();

describe('IOVA view', () => {
  it('draws one ▼ per unmap ioctl: the split at 0x100000 (with tracking) leaves none', async () => {
    const tracking = scenarioText({ userspaceDmaMapTracking: true, splitIovaAt1MiB: false });
    const split = scenarioText({ userspaceDmaMapTracking: true, splitIovaAt1MiB: true });
    const a = await open(tracking, 'iova');
    const drawnA = await unmapTicks(a.page);
    expect(drawnA).toBe(traceOf(tracking).counters.dmaUnmapIoctls);
    expect(drawnA).toBe(13); // one conflict per PAM write
    expect(await a.page.locator('svg[data-ioctl-strip] path[data-kind="unmap"][data-conflict]').count()).toBe(13);
    expect(await mapTicks(a.page)).toBe(traceOf(tracking).counters.dmaMapIoctls);
    expect(a.errors).toEqual([]);
    await a.close();

    const b = await open(split, 'iova');
    expect(await unmapTicks(b.page)).toBe(0);
    expect(await b.page.locator('svg[data-ioctl-strip] path[data-kind="map-skipped"]').count()).toBe(traceOf(split).counters.dmaMapsSkipped);
    // The comparison marks the scenario on screen.
    expect(await b.page.locator('tr[data-variant="split"]').getAttribute('aria-current')).toBe('true');
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('shows a re-pin in progress at the playhead, with its badge and its words', async () => {
    const text = scenarioText();
    const trace = traceOf(text);
    const pam = trace.events.filter((e) => e.type === 'vfio.map' && e.repin);
    const third = pam[2];
    if (!third) throw new Error('expected re-pins');
    const { page, errors, close } = await open(text, 'iova', third.t + 10_000);
    const region = page.locator('button[data-look="repinning"]');
    await expect.poll(() => region.count()).toBe(1);
    expect(await region.textContent()).toMatch(/↻ 3 of 13/);
    expect(await page.locator('[data-iova-caption]').textContent()).toMatch(/PAM write 3 of 13 is re-pinning 3\.0 GiB/);
    // Selecting it selects the PAM write's span in the timeline.
    await region.click();
    await expect.poll(() => page.locator('[data-selected-span]').textContent()).toMatch(/PAM write 3/);
    expect(await region.evaluate((el) => el.classList.contains('linked'))).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('says in words that a CPU VM has nothing to pin or reset', async () => {
    const text = '{ "guest": { "ramGiB": 16 }, "devices": { "count": 0 } }';
    for (const view of ['iova', 'resets'] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${inject('baseURL')}${stateToHash({ page: 'playground', scenario: text, view })}`);
      await expect.poll(() => page.locator('.mechanisms .view').textContent()).toMatch(/A CPU VM has no passthrough device: nothing is pinned or reset/);
      expect(await page.getByRole('tab', { name: view === 'iova' ? 'IOVA' : 'Resets' }).getAttribute('aria-selected')).toBe('true');
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('Resets view', () => {
  const starts = (page: Page, reason: string) =>
    page.locator(`button[data-reset="${reason}"][data-start-us]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-start-us'))));

  it('draws serial resets one after another and parallel ones together', async () => {
    const serial = await open(scenarioText({ parallelResets: false }), 'resets');
    const s1 = await starts(serial.page, 'device-open');
    expect(s1.length).toBe(4);
    expect(Math.min(...s1.slice(1).map((t, i) => t - (s1[i] ?? 0)))).toBeGreaterThan(900_000);
    expect(await serial.page.locator('tr[data-schedule="serial"]').getAttribute('aria-current')).toBe('true');
    expect(serial.errors).toEqual([]);
    await serial.close();

    const parallel = await open(scenarioText({ parallelResets: true }), 'resets');
    const p1 = await starts(parallel.page, 'device-open');
    const p2 = await starts(parallel.page, 'system-reset');
    expect(p1.length).toBe(4);
    expect(Math.max(...p1) - Math.min(...p1)).toBeLessThan(1_000);
    expect(new Set(p2).size).toBe(1);
    expect(await parallel.page.locator('[data-resets-caption]').textContent()).toMatch(/0 of 8 resets done/);
    expect(parallel.errors).toEqual([]);
    await parallel.close();
  });

  it('marks redundant resets as skipped and lights the reset a selected span stands for', async () => {
    const { page, errors, close } = await open(scenarioText({ skipRedundantReset: true }), 'resets');
    expect(await page.locator('button[data-skipped]').count()).toBe(4);
    expect(await page.locator('button[data-skipped]').first().textContent()).toMatch(/#2 skipped/);
    // The timeline's first reset on QEMU main is gpu0's reset #1, run inline.
    await page.locator('.timeline-panel [data-phase="pci-reset"]').first().click();
    await expect.poll(() => page.locator('button[data-reset].linked').count()).toBe(1);
    // And a reset selects its span.
    await page.locator('button[data-reset="device-open"]').nth(2).click();
    await expect.poll(() => page.locator('[data-selected-span]').textContent()).toMatch(/reset #1 on device open/);
    await page.getByRole('button', { name: /Show optimizations\.parallelResets/ }).click();
    expect(errors).toEqual([]);
    await close();
  });
});

describe('screenshots', () => {
  it('captures both views at a few playhead positions, light and dark', async () => {
    const base = scenarioText({}, 256);
    const fixes = scenarioText({ userspaceDmaMapTracking: true, splitIovaAt1MiB: true, parallelResets: true, overlapResetWithDmaMap: true, skipRedundantReset: true }, 256);
    const tb = traceOf(base);
    const tf = traceOf(fixes);
    const repin = tb.events.filter((e) => e.type === 'vfio.map' && e.repin)[5];
    const shots: { name: string; text: string; view: 'iova' | 'resets'; t: number; dark?: boolean }[] = [
      { name: 'iova-baseline-pinning', text: base, view: 'iova', t: 40_000_000 },
      { name: 'iova-baseline-pam6', text: base, view: 'iova', t: (repin?.t ?? 0) + 20_000 },
      { name: 'iova-baseline-end-dark', text: base, view: 'iova', t: tb.markers.firstKernelLogUs, dark: true },
      { name: 'iova-fixes-bios', text: fixes, view: 'iova', t: tf.markers.vcpuStartUs + 150_000 },
      { name: 'resets-baseline-serial', text: base, view: 'resets', t: tb.markers.vcpuStartUs - 3_000_000 },
      { name: 'resets-baseline-serial-dark', text: base, view: 'resets', t: tb.markers.vcpuStartUs - 6_500_000, dark: true },
      { name: 'resets-fixes-overlapped', text: fixes, view: 'resets', t: 1_200_000 },
    ];
    for (const s of shots) {
      const { page, errors, close } = await open(s.text, s.view, s.t, s.dark);
      await page.locator('.mechanisms').screenshot({ path: `${SHOTS}/${s.name}.png` });
      expect(errors, s.name).toEqual([]);
      await close();
    }
  });
});
