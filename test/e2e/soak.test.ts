/**
 * A long session leaves nothing behind: switching lessons and scenarios, typing, playing
 * timelines, sweeping and simulating a busy host, over and over in one page, keeps the heap
 * flat (after a full garbage collection, the last block's median within 10 % of the first
 * block's), disposes every editor and its model, and ends every worker it does not reuse.
 * The short version of the soak `npm run bench` runs for hundreds of iterations.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';
import { SOAK_BROWSER_ARGS, SOAK_CYCLE, soak, soakChecks } from '../soak/soak.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch(SOAK_BROWSER_ARGS);
});
afterAll(async () => {
  await browser?.close();
});

/** Three blocks of one cycle each: a warm-up (every view, lesson and Monaco loaded), then the two compared. */
const SHORT = { warmup: SOAK_CYCLE, iterations: 2 * SOAK_CYCLE, block: SOAK_CYCLE } as const;

describe('a long session', () => {
  it('keeps the heap flat and leaves no editor, model or worker behind', async () => {
    const result = await soak(browser, { baseURL: inject('baseURL'), ...SHORT });
    const missed = soakChecks(result).filter((c) => !c.met).map((c) => `${c.figure}: ${c.value} (target ${c.target})`);
    expect(missed).toEqual([]);
    expect(result.samples).toHaveLength(SHORT.iterations);
    expect(result.sweeps).toBeGreaterThan(0);
    expect(result.busyRuns).toBeGreaterThan(0);
  }, 900_000);
});
