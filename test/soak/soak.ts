/**
 * A long session in one page, as a learner spends an afternoon: each iteration opens a lesson
 * step (a new lesson workspace, editor and run), plays its timeline, goes back to the
 * playground with another scenario, types in the editor, opens another view and plays it;
 * on the Charts and Busy host views it also runs a sweep (the worker pool) and a busy host
 * (a worker of its own). After each iteration the page's heap is measured after a full garbage
 * collection. Leaks show as a heap that keeps growing from block to block; the editors,
 * models and workers left behind are counted directly.
 *
 * Used by the short soak in `npm test` (test/e2e/soak.test.ts) and the long one in
 * `npm run bench` (test/bench/soak.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { stateToHash } from '../../src/app/url-state.ts';
import { median, openMemory, sampleMemory, scenarioModels, type MemorySample } from './heap.ts';
import { countWorkers, liveWorkers, workerCounts, type WorkerKind } from './workers.ts';

export interface SoakOptions {
  readonly baseURL: string;
  /** Iterations measured; the first and last `block` of them are compared. */
  readonly iterations: number;
  /** Iterations before the measured ones: every view's and lesson's code and Monaco load and settle. */
  readonly warmup: number;
  readonly block: number;
  readonly onIteration?: (i: number, sample: MemorySample) => void;
}

export interface SoakResult {
  /** One sample per measured iteration, in order. */
  readonly samples: readonly MemorySample[];
  readonly block: number;
  /** Median heap of the first and of the last block, in bytes. */
  readonly firstHeap: number;
  readonly lastHeap: number;
  /** lastHeap / firstHeap - 1. */
  readonly heapGrowth: number;
  readonly firstListeners: number;
  readonly lastListeners: number;
  readonly firstNodes: number;
  readonly lastNodes: number;
  /** Scenario editors on the page after each iteration (one is on screen at a time). */
  readonly editorsMax: number;
  /** URIs of the scenario models the heap holds at the end (heap snapshot), and the editors on screen then. */
  readonly modelPaths: readonly string[];
  readonly editorsAtEnd: number;
  /** Workers per kind at the end, and the most alive at once after any iteration. */
  readonly workersAtEnd: readonly WorkerKind[];
  readonly liveWorkersMax: number;
  /** The sweep pool's size the Charts form offered (sweep-pool.ts defaultThreads). */
  readonly poolSize: number;
  readonly sweeps: number;
  readonly busyRuns: number;
  readonly ms: number;
  /** Console errors and uncaught exceptions, which fail the soak like any page test. */
  readonly errors: readonly string[];
}

/**
 * V8 flags for the soak's browser. Without a JIT the heap holds the page's data and its
 * bytecode only: compiled code, which grows for minutes as more functions get hot, would
 * otherwise read as a leak. Bytecode is kept, not flushed and rebuilt, for the same reason.
 */
export const SOAK_BROWSER_ARGS = ['--js-flags=--jitless --no-flush-bytecode'];

const WAIT = { timeout: 30_000 };
const LESSONS = readdirSync('lessons').filter((d) => /^\d\d-/.test(d)).sort();
const VIEWS = ['memory', 'iova', 'resets', 'flame', 'charts', 'busy-host', 'phases', 'statechart'] as const;
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.jsonc')).sort().map((f) => readFileSync(`examples/${f}`, 'utf8'));
const RAMS = [8, 48, 256, 1024];
const STEPS = 2;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (...n: number[]) => n.reduce((a, b) => (a * b) / gcd(a, b), 1);
/**
 * Iterations after which every lesson and step, view and scenario has come round again (24
 * with 12 lessons × 2 steps, 8 views, 3 examples × 4 sizes). Blocks span whole cycles, so
 * the pages in them match and their medians compare like with like.
 */
export const SOAK_CYCLE = lcm(LESSONS.length * STEPS, VIEWS.length, EXAMPLES.length * RAMS.length);

/** A different scenario each time: an example with another RAM size (texts stay valid JSONC). */
function scenarioText(i: number): string {
  const base = EXAMPLES[i % EXAMPLES.length] ?? '{}';
  const ram = RAMS[Math.floor(i / EXAMPLES.length) % RAMS.length] ?? 8;
  return /"ramGiB":\s*\d+/.test(base) ? base.replace(/"ramGiB":\s*\d+/, `"ramGiB": ${ram}`) : base;
}

/** Lets a few animation frames go by (a string: the page runs it as is). */
const frames = (page: Page, n: number) =>
  page.evaluate(`new Promise((done) => {
    let k = 0;
    const tick = () => (++k >= ${n} ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  })`);

const navigate = (page: Page, hash: string) => page.evaluate((h) => {
  location.hash = h;
}, hash);

const editors = (page: Page) => page.locator('.bl-overflow-widgets').count();

/** Plays the timeline for a few frames and pauses it, unless a prediction veils the player. */
async function play(page: Page, scope: string): Promise<void> {
  const button = page.locator(`${scope} .play`).first();
  await button.waitFor(WAIT);
  if (await page.locator(`${scope} [data-veiled="true"]`).count() > 0) return;
  await button.click();
  await page.locator(`${scope} .play[aria-pressed="true"]`).first().waitFor(WAIT);
  await frames(page, 8);
  // Pause. The run may end on its own just before the click, which then plays it again: so
  // pause until it stays paused.
  for (let k = 0; k < 3 && (await button.getAttribute('aria-pressed')) === 'true'; k++) {
    await button.click();
    await frames(page, 2);
  }
  await page.locator(`${scope} .play[aria-pressed="false"]`).first().waitFor(WAIT);
}

async function lessonVisit(page: Page, i: number): Promise<void> {
  const lesson = LESSONS[i % LESSONS.length] ?? '';
  const step = 1 + (Math.floor(i / LESSONS.length) % STEPS);
  await navigate(page, `#/lesson/${lesson}?step=${step}`);
  await page.locator(`[data-lesson="${lesson}"][data-step="${step}"]`).waitFor(WAIT);
  await page.locator('[data-lesson] .monaco-editor .view-lines').waitFor(WAIT);
  await play(page, '[data-lesson]');
}

async function playgroundVisit(page: Page, i: number, counts: { sweeps: number; busyRuns: number; poolSize: number }): Promise<void> {
  const text = scenarioText(i);
  await navigate(page, stateToHash({ page: 'playground', scenario: text }));
  await page.locator('main.playground .monaco-editor .view-lines').waitFor(WAIT);
  // A keystroke in the editor: the text, its run and every view follow it.
  await page.locator('main.playground .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const view = VIEWS[i % VIEWS.length] ?? 'phases';
  await page.locator(`#tab-${view}`).click();
  const panel = page.locator(`#view-${view}`);
  await panel.waitFor(WAIT);
  await page.waitForFunction((v) => !document.querySelector(`#view-${v}`)?.textContent?.includes('Loading the'), view, WAIT);
  // A sweep (the worker pool) and a busy host (a worker per run) each time their view comes round.
  if (view === 'charts') {
    await page.locator('[data-sweep-values]').fill('8..64:8');
    const before = await page.evaluate(() => performance.getEntriesByName('bootline:sweep').length);
    counts.poolSize = Number(await page.locator('[data-sweep-threads]').inputValue());
    await page.locator('[data-sweep-run]').click();
    await page.waitForFunction((n) => performance.getEntriesByName('bootline:sweep').length > n, before, WAIT);
    counts.sweeps++;
  }
  if (view === 'busy-host') {
    const started = (await workerCounts(page)).find((k) => k.kind === 'busy-host.worker')?.created ?? 0;
    await page.locator('[data-busy-run]').click();
    // Done is the run's own worker started, finished and ended, and its result on screen.
    await page.waitForFunction(`(() => {
      const k = window.__soakWorkers().find((w) => w.kind === 'busy-host.worker');
      return k !== undefined && k.created > ${started} && k.terminated === k.created;
    })()`, undefined, WAIT);
    await page.locator('[role="status"][data-status="done"]').waitFor(WAIT);
    counts.busyRuns++;
  }
  await play(page, 'main.playground');
}

export async function soak(browser: Browser, options: SoakOptions): Promise<SoakResult> {
  const { baseURL, iterations, warmup, block } = options;
  if (iterations < 2 * block) throw new Error(`a soak of ${iterations} iterations cannot hold two blocks of ${block}`);
  if (block % SOAK_CYCLE !== 0 || iterations % SOAK_CYCLE !== 0) throw new Error(`blocks (${block}) and iterations (${iterations}) must be whole cycles of ${SOAK_CYCLE}`);
  const t0 = performance.now();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await countWorkers(page);
    const cdp = await openMemory(page);
    await page.goto(baseURL);
    await page.locator('.timeline-panel svg.plot').waitFor(WAIT);
    const counts = { sweeps: 0, busyRuns: 0, poolSize: 0 };
    const samples: MemorySample[] = [];
    let editorsMax = 0;
    let liveWorkersMax = 0;
    for (let i = 0; i < warmup + iterations; i++) {
      await lessonVisit(page, i);
      await playgroundVisit(page, i, counts);
      editorsMax = Math.max(editorsMax, await editors(page));
      const workers = await workerCounts(page);
      liveWorkersMax = Math.max(liveWorkersMax, liveWorkers(workers));
      if (i < warmup) continue;
      const sample = await sampleMemory(cdp);
      samples.push(sample);
      options.onIteration?.(i - warmup, sample);
    }
    const first = samples.slice(0, block);
    const last = samples.slice(-block);
    const firstHeap = median(first.map((s) => s.heapBytes));
    const lastHeap = median(last.map((s) => s.heapBytes));
    return {
      samples, block, firstHeap, lastHeap, heapGrowth: lastHeap / firstHeap - 1,
      firstListeners: median(first.map((s) => s.listeners)), lastListeners: median(last.map((s) => s.listeners)),
      firstNodes: median(first.map((s) => s.domNodes)), lastNodes: median(last.map((s) => s.domNodes)),
      editorsMax,
      modelPaths: await scenarioModels(cdp),
      editorsAtEnd: await editors(page),
      workersAtEnd: await workerCounts(page), liveWorkersMax,
      ...counts,
      ms: performance.now() - t0,
      errors,
    };
  } finally {
    await context.close();
  }
}

/** One criterion of the soak, as the benchmark prints it and the test asserts it. */
export interface SoakCheck {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
/**
 * Workers a page may keep between uses: the sweep pool keeps its workers warm for the next
 * sweep (sweep-pool.ts), Monaco one editor worker and one JSON worker; a busy-host run ends
 * its worker when done, and nothing else starts any.
 */
function workerBound(kind: string, poolSize: number): number {
  if (kind === 'sweep.worker') return poolSize;
  if (kind === 'editor.worker' || kind === 'json.worker') return 1;
  return 0;
}

/** Heap growth below this share between the first and the last block counts as no leak. */
export const HEAP_GROWTH_LIMIT = 0.1;

export function soakChecks(r: SoakResult): SoakCheck[] {
  const n = r.samples.length;
  const workers = r.workersAtEnd.map((k) => `${k.kind} ${k.created - k.terminated} of ${k.created}`).join(', ');
  return [
    {
      figure: `soak: JS heap after GC, median of the last ${r.block} iterations vs the first ${r.block} (${n} iterations after warm-up)`,
      value: `${r.heapGrowth >= 0 ? '+' : ''}${(r.heapGrowth * 100).toFixed(1)} % (${MB(r.firstHeap)} → ${MB(r.lastHeap)})`,
      target: `< ${HEAP_GROWTH_LIMIT * 100} %`, met: r.heapGrowth < HEAP_GROWTH_LIMIT,
    },
    {
      figure: 'soak: DOM event listeners, median of the last block vs the first',
      value: `${r.firstListeners} → ${r.lastListeners}`,
      target: `< +${HEAP_GROWTH_LIMIT * 100} %`, met: r.lastListeners < r.firstListeners * (1 + HEAP_GROWTH_LIMIT),
    },
    {
      figure: 'soak: scenario models in the heap at the end (snapshot) / editors on the page',
      value: `${r.modelPaths.length} / ${r.editorsAtEnd}`,
      target: '1 / 1', met: r.modelPaths.length === 1 && r.editorsAtEnd === 1,
    },
    {
      figure: 'soak: most scenario editors on the page after any iteration',
      value: String(r.editorsMax), target: '1', met: r.editorsMax === 1,
    },
    {
      figure: `soak: workers alive at the end (alive of started: ${workers}; at most ${r.liveWorkersMax} at once)`,
      value: String(liveWorkers(r.workersAtEnd)),
      target: `sweep <= ${r.poolSize}, busy host 0, Monaco <= 1 each`,
      met: r.workersAtEnd.every((k) => k.created - k.terminated <= workerBound(k.kind, r.poolSize)),
    },
    {
      figure: `soak: page errors (${r.sweeps} sweeps, ${r.busyRuns} busy-host runs, ${(r.ms / 1000).toFixed(0)} s)`,
      value: r.errors.length === 0 ? 'none' : r.errors.slice(0, 3).join(' | '),
      target: 'none', met: r.errors.length === 0,
    },
  ];
}
