/**
 * The lesson pages as a learner meets them, in the built app: a lesson opens on its first
 * step with its goals failing, editing the scenario (or taking the solution) turns them to
 * passing, steps move with the URL and the back button, a step's script changes the text and
 * the measures, predictions hide the figure until a guess, the attempt survives "Use the
 * solution", locked keys are refused, and progress lives through reloads and damage.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createServer as createNetServer } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { launch, watchErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const WAIT = { timeout: 10_000 };
const LESSON = '03-zeroing';
const SOLUTION = readFileSync(`lessons/${LESSON}/solution.jsonc`, 'utf8');

async function open(hash: string, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${inject('baseURL')}${hash}`);
  await page.locator('[data-lesson]').waitFor(WAIT);
  return { page, errors, close: () => context.close() };
}

const stepTitle = (page: Page) => page.locator('[data-step-title]').textContent();
const creationMs = async (page: Page) => Number(await page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'));
const goalStates = (page: Page) => page.locator('[data-goal]').evaluateAll((els) => els.map((e) => e.getAttribute('data-passing')));
const nextIsPrimary = async (page: Page) => (await page.locator('[data-next]').getAttribute('class'))?.split(/\s+/).includes('primary') ?? false;
const stored = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('bootline.progress') ?? 'null') as unknown);
/** The learner's text for a step as kept in progress (0-based step). */
const keptText = async (page: Page, step: number) => {
  const p = (await stored(page)) as { lessons: Record<string, { texts: Record<string, string> }> } | null;
  return p?.lessons[LESSON]?.texts[String(step)];
};

/** Replaces the editor's whole text the way a paste does (Monaco, once it has loaded). */
async function replaceText(page: Page, text: string) {
  await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/**
 * A scenario on one line, after a comment: inserted text with line breaks gets Monaco's
 * auto-indent, and a leading "{" gets an auto-closed "}"; these tests compare the learner's
 * text exactly as kept.
 */
const oneLine = (text: string) => text.replace(/\/\/.*\n/g, '').replace(/\s*\n\s*/g, ' ').trim();
const withZeroing = (gbps: number) => oneLine(SOLUTION.replace('"zeroingGBps": 13.7', `"zeroingGBps": ${gbps}`));
const WITH_20 = `/* faster clear */ ${withZeroing(20)}`;
const ATTEMPT = `/* my attempt */ ${withZeroing(8)}`;

describe('a lesson step by step', () => {
  it('opens on its first step with its goals failing, and the URL names lesson and step', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}`);
    expect(await stepTitle(page)).toBe('Why the kernel zeroes');
    expect(await page.locator('.lesson .eyebrow').first().textContent()).toMatch(/^Lesson 3 of 12 · Memory$/);
    expect(await goalStates(page)).toEqual(['false', 'false']);
    expect(await page.locator('[data-goal]').first().textContent()).toMatch(/Failing/);
    expect(await page.locator('[data-goal="create-80"]').textContent()).toMatch(/112\.6 s now · 32\.7 s to go/);
    expect(await nextIsPrimary(page)).toBe(false);
    expect(await page.locator('[data-next]').isDisabled()).toBe(false);
    // The measure a goal targets carries its threshold, and the timeline draws it.
    expect(await page.locator('[data-measure="vmCreationMs"] [data-goal-mark]').textContent()).toMatch(/goal ≤ 80\.0 s/);
    expect(await page.locator('.timeline-panel [data-threshold]').textContent()).toMatch(/32\.7 s over/);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/lesson\/03-zeroing\?step=1&z=/);
    expect(await page.locator('[data-progress]').textContent()).toMatch(/0 of 12 done/);
    expect(errors).toEqual([]);
    await close();
  });

  it('moves between steps with Next and Previous, the URL follows, and Back returns', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}`);
    await page.locator('[data-next]').click();
    expect(await stepTitle(page)).toBe('The cost per GiB');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/step=2/);
    await page.getByRole('button', { name: 'Skip the guess and show the run' }).click();
    await page.locator('[data-next]').click();
    expect(await stepTitle(page)).toBe('RAM size is the first factor');
    await page.getByRole('button', { name: 'Previous', exact: true }).click();
    expect(await stepTitle(page)).toBe('The cost per GiB');
    await page.goBack();
    await expect.poll(() => stepTitle(page)).toBe('RAM size is the first factor');
    await page.goBack();
    await expect.poll(() => stepTitle(page)).toBe('The cost per GiB');
    // Reachable straight from a link.
    await page.goto(`${inject('baseURL')}#/lesson/${LESSON}?step=4`);
    await expect.poll(() => stepTitle(page)).toBe('Exercise: a faster memory clear');
    expect(await page.locator('[data-next]').textContent()).toMatch(/Next lesson/);
    expect(errors).toEqual([]);
    await close();
  });

  it('applies a step\'s scripted `set` to the scenario text, and the measures follow', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=1`);
    const before = await creationMs(page);
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    expect(await page.locator('.monaco-editor .view-lines').textContent()).toMatch(/"ramGiB":\s*256/);
    await page.locator('[aria-label^="Step 3:"]').click();
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), WAIT).toMatch(/"ramGiB":\s*512/);
    // The comment on the first line survives the edit.
    expect(await page.locator('.monaco-editor .view-lines').textContent()).toMatch(/Lesson\s3:\sthe\stalk/);
    await expect.poll(() => creationMs(page)).toBeGreaterThan(before + 60_000);
    expect(await page.locator('[data-view]').getAttribute('data-view')).toBe('phases');
    expect(errors).toEqual([]);
    await close();
  });

  it('hides the figure behind a prediction, then reveals it and how far the guess was', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=2`);
    expect(await page.locator('[data-veiled]').getAttribute('data-veiled')).toBe('true');
    expect(await page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms')).toBeNull();
    expect(await page.locator('.prose').count()).toBe(0);
    expect(await page.locator('[data-goal]').first().textContent()).toMatch(/Hidden/);
    await page.getByLabel(/how many seconds does dma-map take/).fill('30');
    await page.getByRole('button', { name: 'Reveal the run' }).click();
    await expect.poll(() => page.locator('[data-veiled]').getAttribute('data-veiled')).toBe('false');
    expect(await page.locator('[data-prediction="answered"]').textContent()).toMatch(/You guessed 30\.0 s; the run says 24\.4 s/);
    expect(await page.locator('.prose').textContent()).toMatch(/24\.4 s for 64 GiB/);
    // Remembered: the guess is still answered after a reload.
    await page.reload();
    await page.locator('[data-prediction="answered"]').waitFor(WAIT);
    expect(await page.locator('[data-veiled]').getAttribute('data-veiled')).toBe('false');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the exercise', () => {
  it('editing the scenario turns the goals to passing and Next primary; progress survives a reload', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=4`);
    expect(await goalStates(page)).toEqual(['false', 'false']);
    await replaceText(page, WITH_20);
    await expect.poll(() => goalStates(page), WAIT).toEqual(['true', 'true']);
    expect(await page.locator('[data-goal]').first().textContent()).toMatch(/Passing/);
    expect(await nextIsPrimary(page)).toBe(true);
    await expect.poll(() => page.locator('[data-progress]').textContent()).toMatch(/1 of 12 done/);
    await page.reload();
    await page.locator('[data-lesson]').waitFor(WAIT);
    await expect.poll(() => goalStates(page), WAIT).toEqual(['true', 'true']);
    expect(await page.locator('[data-progress]').textContent()).toMatch(/1 of 12 done/);
    expect(await keptText(page, 3)).toMatch(/"zeroingGBps": 20/);
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the solution next to the attempt, uses it, and brings the attempt back', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=4`);
    const startCreation = await creationMs(page);
    await replaceText(page, ATTEMPT);
    await expect.poll(() => keptText(page, 3), WAIT).toBe(ATTEMPT);
    await expect.poll(() => creationMs(page), WAIT).not.toBe(startCreation);
    const attemptCreation = await creationMs(page);
    expect(await goalStates(page)).toContain('false');
    // From the first step: Show solution goes to the exercise and opens the diff there.
    await page.locator('[aria-label^="Step 1:"]').click();
    await page.getByRole('button', { name: 'Show solution' }).click();
    await page.locator('[data-solution-diff]').waitFor(WAIT);
    expect(await stepTitle(page)).toBe('Exercise: a faster memory clear');
    const diff = await page.locator('[data-solution-diff] .code').textContent();
    expect(diff).toMatch(/my attempt/);
    expect(diff).toMatch(/13\.7/);
    await page.locator('[data-use-solution]').click();
    await expect.poll(() => goalStates(page), WAIT).toEqual(['true', 'true']);
    expect(await page.locator('[data-solution-banner]').textContent()).toMatch(/solution/);
    await page.reload();
    await page.locator('[data-back-to-attempt]').click();
    await expect.poll(() => keptText(page, 3), WAIT).toBe(ATTEMPT);
    await expect.poll(() => creationMs(page), WAIT).toBe(attemptCreation);
    expect(await page.locator('.monaco-editor .view-lines').textContent()).toMatch(/my\sattempt/);
    expect(errors).toEqual([]);
    await close();
  });

  it('refuses an edit to a locked key with a message, and keeps the learner\'s text as typed', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=4`);
    const before = await creationMs(page);
    const locked = WITH_20.replace('"ramGiB": 256', '"ramGiB": 64');
    await replaceText(page, locked);
    await page.locator('[data-locked-problem]').waitFor(WAIT);
    expect(await page.locator('[data-locked-problem]').textContent()).toMatch(/guest\.ramGiB stays 256 in this lesson; your text makes it 64/);
    expect(await creationMs(page)).toBe(before);
    expect(await goalStates(page)).toEqual(['false', 'false']);
    expect(await nextIsPrimary(page)).toBe(false);
    await expect.poll(() => keptText(page, 3), WAIT).toBe(locked);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('progress in the browser', () => {
  it('recovers from a damaged store with a notice, keeping the damaged text in a backup key', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}`);
    await page.evaluate(() => localStorage.setItem('bootline.progress', '{"v":1,"lessons":{"03-zer'));
    await page.reload();
    const notice = page.locator('[data-notice="progress"]');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toMatch(/could not be read.*bootline\.progress\.backup/);
    expect(await page.evaluate(() => localStorage.getItem('bootline.progress.backup'))).toBe('{"v":1,"lessons":{"03-zer');
    // And the store works again: this visit is recorded.
    expect(await stored(page)).toMatchObject({ v: 1, lessons: { [LESSON]: { visited: [0] } } });
    expect(errors).toEqual([]);
    await close();
  });

  it('lists the lessons with progress, continues where the learner left off, and exports and imports', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=3`);
    await page.goto(`${inject('baseURL')}#/lessons`);
    const items = page.locator('[data-lesson-item]');
    await items.first().waitFor(WAIT);
    expect(await items.count()).toBe(12);
    const three = page.locator(`[data-lesson-item="${LESSON}"]`);
    expect(await three.getAttribute('data-status')).toBe('started');
    expect(await three.locator('[data-continue]').textContent()).toMatch(/Continue at step 3/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Progress' }).click().then(() => page.locator('[data-export]').click())]);
    const path = await download.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { lessons: Record<string, { lastStep: number }> };
    expect(exported.lessons[LESSON]?.lastStep).toBe(2);
    // Import a file in which lesson 4 is done.
    page.once('dialog', (d) => void d.accept());
    const file = JSON.stringify({ v: 1, lessons: { '04-prezero': { visited: [0, 1, 2, 3], lastStep: 3, goalsMet: ['skip-most', 'create-75'], completed: true, usedSolution: false, guesses: {}, texts: {} } } });
    await page.locator('[data-import-file]').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect.poll(() => page.locator('[data-lesson-item="04-prezero"]').getAttribute('data-status')).toBe('done');
    expect(await page.locator('[data-import-message]').textContent()).toMatch(/Imported progress for 1 lesson/);
    expect(await page.evaluate(() => localStorage.getItem('bootline.progress.backup'))).toMatch(/03-zeroing/);
    await page.locator(`[data-lesson-item="04-prezero"] [data-continue]`).click();
    await expect.poll(() => stepTitle(page)).toBe('Exercise: a faster worker');
    expect(errors).toEqual([]);
    await close();
  });

  it('the top bar picker lists every lesson with its mark and leads to it; prose links lead to lessons', async () => {
    const { page, errors, close } = await open(`#/lesson/${LESSON}?step=4`);
    await page.getByRole('button', { name: 'Lesson 3 · Zeroing every page (lesson menu)' }).click();
    const menu = page.getByRole('navigation', { name: 'Lessons' });
    expect(await menu.getByRole('link').count()).toBe(14);
    expect(await menu.getByRole('link', { name: /Zeroing every page/ }).textContent()).toMatch(/started/);
    await page.keyboard.press('Escape');
    await page.locator('.prose a.lesson-link', { hasText: 'Lesson 4' }).click();
    await expect.poll(() => page.locator('[data-lesson]').getAttribute('data-lesson')).toBe('04-prezero');
    await page.goBack();
    await expect.poll(() => page.locator('[data-lesson]').getAttribute('data-lesson')).toBe(LESSON);
    expect(await stepTitle(page)).toBe('Exercise: a faster memory clear');
    expect(errors).toEqual([]);
    await close();
  });

  it('stacks the columns on narrow screens without sideways scrolling', async () => {
    for (const width of [800, 360]) {
      const { page, errors, close } = await open(`#/lesson/${LESSON}?step=4`, { width, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const [lesson, output] = await Promise.all([page.locator('article.lesson').boundingBox(), page.locator('[data-measure="vmCreationMs"]').boundingBox()]);
      expect(output!.y).toBeGreaterThan(lesson!.y + lesson!.height - 1);
      expect(errors).toEqual([]);
      await close();
    }
  });
});

describe('lesson prose in a real browser', () => {
  let server: ViteDevServer;
  beforeAll(async () => {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createNetServer();
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
      });
      srv.on('error', reject);
    });
    // A dev server compiles the renderer module on request, so the page imports the real one.
    // No app on the page (a blank one served here), and dependencies served as their own ESM
    // files, so no optimizer reload can interrupt the test.
    server = await createServer({
      configFile: false,
      root: process.cwd(),
      logLevel: 'error',
      server: { port, strictPort: true, host: '127.0.0.1' },
      optimizeDeps: { noDiscovery: true },
      plugins: [{
        name: 'blank-page',
        configureServer(dev) {
          dev.middlewares.use('/blank.html', (_req, res) => {
            res.setHeader('content-type', 'text/html');
            res.end('<!doctype html><html lang="en"><head><title>sanitizer</title><link rel="icon" href="data:,"></head><body></body></html>');
          });
        },
      }],
    });
    await server.listen();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('renders script tags, event handlers and javascript: links inert after sanitizing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite dev server has no local URL');
    await page.goto(`${url}blank.html`);
    const hostile = [
      'Text <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2">',
      '[a link](javascript:window.__pwned=3) and <a href="javascript:window.__pwned=4">raw</a>',
      '<svg onload="window.__pwned=5"></svg> `guest.ramGiB` [next](lesson:04-prezero#2)',
    ].join('\n\n');
    // A module script, so the page (not this test's transform) imports the real renderer.
    await page.addScriptTag({ type: 'module', content: "import { renderLessonMarkdown, sanitizeHtml } from '/src/ui/lesson/lesson-markdown.ts'; window.__render = renderLessonMarkdown; window.__sanitize = sanitizeHtml;" });
    await page.waitForFunction(() => '__render' in window, undefined, WAIT);
    const result = await page.evaluate(async (md) => {
      const w = window as unknown as { __render: (s: string) => string; __sanitize: (s: string) => string };
      // Both layers: the whole pipeline, then DOMPurify alone on raw HTML the renderer would have escaped.
      const raw = '<p onclick="window.__pwned=6">p</p><img src=x onerror="window.__pwned=7"><script>window.__pwned=8</script><a href="javascript:window.__pwned=9">a</a><iframe src="javascript:window.__pwned=10"></iframe>';
      const host = document.createElementNS('http://www.w3.org/1999/xhtml', 'div');
      host.innerHTML = w.__render(md) + w.__sanitize(raw);
      document.documentElement.appendChild(host);
      for (const a of host.querySelectorAll('a')) a.click();
      await new Promise((r) => setTimeout(r, 100));
      return {
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        elements: [...host.querySelectorAll('*')].map((e) => e.localName),
        attributes: [...host.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`)),
      };
    }, hostile);
    expect(result.pwned).toBeUndefined();
    expect(result.elements).not.toContain('script');
    expect(result.elements).not.toContain('img');
    expect(result.elements).not.toContain('svg');
    expect(result.attributes.filter((a) => /^on|javascript:/i.test(a))).toEqual([]);
    expect(result.attributes).toContain('href=#/lesson/04-prezero?step=2');
    expect(result.attributes).toContain('data-key=guest.ramGiB');
    expect(errors).toEqual([]);
    await context.close();
  });
});
