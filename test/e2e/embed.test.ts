/**
 * Embedding as another team's docs page gets it: a host page on ANOTHER ORIGIN loads the
 * custom element's script from the app's origin and embeds two playgrounds. Each loads only
 * when scrolled to or clicked, fits its frame to its content, ignores messages from anyone
 * but its host (and the host ignores anyone but its frame), follows the host's theme, and the
 * read-only one links out to the playground with the same state. A third origin, served by
 * the same tiny server under the name "localhost", plays the stranger.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launch, watchErrors } from './browser.ts';
import { hashToState } from '../../src/app/url-state.ts';
import { lessonPart } from '../../src/app/embed/lesson-start.ts';
import { simulate } from '../../src/app/state/scenario-store.svelte.ts';
import { measures } from '../../src/sim/analysis/measures.ts';

const SCENARIO_B = `// Two GPUs, a smaller guest
{ "guest": { "ramGiB": 64 }, "devices": { "gpu": "tesla-p40", "count": 2 } }`;

let server: Server;
let host: string;
let stranger: string;
let app: string;
let browser: Browser;

function hostPage(appBase: string, strangerOrigin: string): string {
  const attr = SCENARIO_B.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  return `<!doctype html>
<html lang="en" data-theme="light">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>Team wiki: GPU VM start-up</title>
  <script src="${appBase}embed/gpu-vm-playground.js" defer></script>
  <script>
    // Everything the page hears, to compare with what the embeds report.
    window.__heard = [];
    addEventListener('message', (e) => window.__heard.push({ origin: e.origin, data: e.data }));
  </script>
  <style>body { font-family: sans-serif; max-width: 900px; margin: 24px auto; padding: 0 16px; }</style>
</head>
<body>
  <h1>Why our GPU VMs start slowly</h1>
  <div id="spacer-1" style="height: 1600px">Prose before the first playground.</div>
  <gpu-vm-playground id="a" lesson="04-prezero" step="2" view="memory" readonly></gpu-vm-playground>
  <div style="height: 1600px">Prose between.</div>
  <gpu-vm-playground id="b" scenario='${attr}' view="resets" theme="dark" autoplay load="click"></gpu-vm-playground>
  <h2>A bare frame, and a stranger's frame</h2>
  <iframe id="bare" src="${appBase}embed.html?view=none&readonly&parent=${encodeURIComponent(host)}&id=bare" style="width: 100%; height: 500px; border: 0"></iframe>
  <iframe id="stranger" src="${strangerOrigin}/stranger.html" style="width: 100%; height: 60px; border: 0"></iframe>
</body>
</html>`;
}

beforeAll(async () => {
  app = inject('baseURL');
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage(app, stranger));
    else if (path === '/stranger.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><link rel="icon" href="data:,"><p>a stranger</p>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  host = `http://127.0.0.1:${port}`;
  // Same server, another host name: another origin as far as the browser is concerned.
  stranger = `http://localhost:${port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

async function openHost(reducedMotion: 'reduce' | 'no-preference' = 'no-preference'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme: 'light', reducedMotion });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${host}/`);
  await page.waitForFunction(() => customElements.get('gpu-vm-playground') !== undefined);
  return { context, page, errors };
}

const frameIn = (page: Page, selector: string) => page.locator(`${selector} iframe`);

/** The embed frame inside element `selector`, once it has said it is ready. */
async function readyFrame(page: Page, selector: string): Promise<{ frame: Frame; id: string }> {
  await page.waitForFunction((s) => !document.querySelector(s)?.shadowRoot?.querySelector('.card') && !!document.querySelector(s)?.shadowRoot?.querySelector('iframe'), selector, { timeout: 30_000 });
  const src = await frameIn(page, selector).getAttribute('src');
  const id = new URL(src ?? '', 'http://x').searchParams.get('id') ?? '';
  const frame = page.frames().find((f) => f.url().includes(`id=${id}`));
  if (!frame) throw new Error(`no frame for ${selector}`);
  await frame.locator('.timeline-panel svg.plot').waitFor();
  return { frame, id };
}

/** The last height an embed reported to the host page, from the app's origin only. */
async function reportedHeight(page: Page, id: string): Promise<number | undefined> {
  return page.evaluate(
    ({ id, app }) => {
      const heard = (window as unknown as { __heard: { origin: string; data: { type?: string; id?: string; height?: number } }[] }).__heard;
      return heard.filter((m) => m.origin === app && m.data?.id === id && (m.data.type === 'bootline:resize' || m.data.type === 'bootline:ready')).at(-1)?.data.height;
    },
    { id, app: new URL(app).origin },
  );
}

async function expectFitted(page: Page, selector: string, frame: Frame, id: string): Promise<void> {
  await expect.poll(async () => {
    const reported = await reportedHeight(page, id);
    const box = await frameIn(page, selector).boundingBox();
    return reported !== undefined && box !== null && Math.abs(box.height - reported) < 0.5;
  }, { timeout: 10_000 }).toBe(true);
  // No inner scrollbar and nothing to scroll: the frame holds all of its content.
  const inner = await frame.evaluate(() => ({
    overflow: getComputedStyle(document.documentElement).overflow,
    scroll: document.documentElement.scrollHeight,
    client: document.documentElement.clientHeight,
  }));
  expect(inner.overflow).toBe('hidden');
  expect(inner.scroll).toBeLessThanOrEqual(inner.client);
}

const themeOf = (frame: Frame) => frame.evaluate(() => document.documentElement.dataset.theme);

describe('embedding with <gpu-vm-playground> on another origin', () => {
  it('loads each playground only when scrolled to or clicked, and sizes each frame to its content', async () => {
    const { context, page, errors } = await openHost();
    // Still cards first; the lesson card names its lesson from the site's lesson index.
    await expect.poll(() => page.locator('#a .title').textContent()).toBe('Lesson 4 · Pre-zeroing free pages');
    await expect.poll(() => page.locator('#a .sub').textContent()).toMatch(/^Step 2 of \d+: Not zeroed in time$/);
    expect(await page.locator('#a iframe').count()).toBe(0);
    expect(await page.locator('#b iframe').count()).toBe(0);

    await page.locator('#a').scrollIntoViewIfNeeded();
    const a = await readyFrame(page, '#a');
    await expectFitted(page, '#a', a.frame, a.id);

    // No scroll trap: the wheel over the embed (its timeline) scrolls the host page.
    const box = await a.frame.locator('.timeline-panel svg.plot').boundingBox();
    if (!box) throw new Error('no timeline');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrolledBefore = await page.evaluate(() => scrollY);
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(scrolledBefore + 100);

    // load="click": scrolling to it is not enough.
    await page.locator('#b').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    expect(await page.locator('#b iframe').count()).toBe(0);
    await page.locator('#b').getByRole('button', { name: /Load the interactive playground/ }).click();
    const b = await readyFrame(page, '#b');
    expect(b.id).not.toBe(a.id);
    // Each embed's first word to the host is `ready`.
    for (const id of [a.id, b.id]) {
      expect(await page.evaluate((id) => (window as unknown as { __heard: { data: { type?: string; id?: string } }[] }).__heard.find((m) => m.data?.id === id)?.data.type, id)).toBe('bootline:ready');
    }
    await expectFitted(page, '#b', b.frame, b.id);

    // The content grows (the editor opens): the frame follows, still without a scrollbar.
    const before = await reportedHeight(page, b.id);
    await b.frame.getByRole('button', { name: 'Edit scenario' }).click();
    await b.frame.locator('section.editor').waitFor();
    await expect.poll(() => reportedHeight(page, b.id)).toBeGreaterThan((before ?? 0) + 200);
    await expectFitted(page, '#b', b.frame, b.id);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the lesson step read-only, with a chip that opens the playground in the same state', async () => {
    const { context, page, errors } = await openHost();
    await page.locator('#a').scrollIntoViewIfNeeded();
    const { frame } = await readyFrame(page, '#a');

    const step = lessonPart('04-prezero', 2);
    if (!step.ok) throw new Error(step.message);
    const expected = simulate(step.part.text).good;
    if (!expected) throw new Error('the step scenario does not run');
    const shown = Number(await frame.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'));
    expect(shown).toBe(measures(expected.trace).vmCreationMs);
    expect(await frame.locator('header.head').textContent()).toContain('Pre-zeroing free pages');
    expect(await frame.locator('[data-view="memory"]').count()).toBe(1);

    // Read-only: no editor and no way to open one.
    expect(await frame.locator('section.editor').count()).toBe(0);
    expect(await frame.getByRole('button', { name: 'Edit scenario' }).count()).toBe(0);
    const chip = frame.locator('a[data-edit-link]');
    expect(await chip.textContent()).toMatch(/scenario\s*·\s*256 GiB · 4 × Tesla P40\s*Edit in Bootline/);
    expect(await chip.getAttribute('target')).toBe('_blank');
    // The state link's code arrives just after the first frame.
    await expect.poll(() => chip.getAttribute('href')).toContain('#/playground?z=');
    const href = (await chip.getAttribute('href')) ?? '';
    const url = new URL(href);
    expect(url.origin + url.pathname).toBe(app);
    const state = hashToState(url.hash);
    expect(state?.ok && state.state.scenario).toBe(step.part.text);
    expect(state?.ok && state.state.view).toBe('memory');

    // Following it opens the full playground on the same run.
    const [tab] = await Promise.all([context.waitForEvent('page'), chip.click()]);
    await tab.locator('[data-measure="vmCreationMs"] .v').waitFor();
    expect(Number(await tab.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'))).toBe(shown);
    expect(await tab.locator('.editor').count()).toBeGreaterThan(0);
    await tab.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('follows the theme attribute and the host page theme, and autoplays once visible', async () => {
    const { context, page, errors } = await openHost();
    await page.locator('#a').scrollIntoViewIfNeeded();
    const a = await readyFrame(page, '#a');
    expect(await themeOf(a.frame)).toBe('light');
    // theme="auto" (the default): the host's own switch (data-theme on <html>) is followed.
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expect.poll(() => themeOf(a.frame)).toBe('dark');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    await expect.poll(() => themeOf(a.frame)).toBe('light');

    await page.locator('#b').getByRole('button', { name: /Load the interactive playground/ }).click();
    const b = await readyFrame(page, '#b');
    expect(await themeOf(b.frame)).toBe('dark');
    await page.evaluate(() => document.querySelector('#b')?.setAttribute('theme', 'light'));
    await expect.poll(() => themeOf(b.frame)).toBe('light');

    // autoplay: it plays on its own once in view, and says so to the host.
    await expect.poll(() => page.evaluate((id) => (window as unknown as { __heard: { data: { type?: string; id?: string; playing?: boolean } }[] }).__heard
      .some((m) => m.data?.type === 'bootline:state' && m.data.id === id && m.data.playing), b.id)).toBe(true);
    // The element's own play() and pause() go through the contract.
    await page.evaluate(() => (document.querySelector('#b') as unknown as { pause(): void }).pause());
    await expect.poll(() => b.frame.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('never autoplays with reduced motion', async () => {
    const { context, page, errors } = await openHost('reduce');
    await page.locator('#b').scrollIntoViewIfNeeded();
    await page.locator('#b').getByRole('button', { name: /Load the interactive playground/ }).click();
    const b = await readyFrame(page, '#b');
    await page.waitForTimeout(800);
    expect(await b.frame.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    expect(await b.frame.locator('output.readout').textContent()).toMatch(/^0\.00 \//);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ignores messages from a foreign origin or window and messages of the wrong shape, on both sides', async () => {
    const { context, page, errors } = await openHost();
    await page.locator('#a').scrollIntoViewIfNeeded();
    const a = await readyFrame(page, '#a');
    const appOrigin = new URL(app).origin;
    expect(await themeOf(a.frame)).toBe('light');

    // Wrong shapes from the host page itself: no version, a future version, an unknown theme.
    await page.evaluate((origin) => {
      const w = document.querySelector('#a')?.shadowRoot?.querySelector('iframe')?.contentWindow;
      w?.postMessage({ type: 'bootline:theme', theme: 'dark' }, origin);
      w?.postMessage({ type: 'bootline:theme', version: 2, theme: 'dark' }, origin);
      w?.postMessage({ type: 'bootline:theme', version: 1, theme: 'purple' }, origin);
      w?.postMessage('bootline:theme dark', origin);
    }, appOrigin);
    // The right shape as if from another origin (a message event the embed's window receives).
    await a.frame.evaluate(() => {
      for (const origin of ['http://evil.example', 'null']) {
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'bootline:theme', version: 1, theme: 'dark' }, origin, source: window.parent }));
      }
    });
    await page.waitForTimeout(400);
    expect(await themeOf(a.frame)).toBe('light');

    // A real third origin: a stranger's frame on the host page writes to the bare embed,
    // and fakes a resize of embed #a to the host page.
    const bare = page.frames().find((f) => f.url().includes('id=bare'));
    const strangerFrame = page.frames().find((f) => f.url().startsWith(stranger));
    if (!bare || !strangerFrame) throw new Error('frames missing');
    await bare.locator('.timeline-panel svg.plot').waitFor();
    expect(await themeOf(bare)).toBe('light');
    const heightBefore = (await frameIn(page, '#a').boundingBox())?.height;
    await strangerFrame.evaluate((id) => {
      const top = window.top;
      if (!top) return;
      top.frames[0]?.postMessage({ type: 'bootline:theme', version: 1, theme: 'dark' }, '*');
      top.postMessage({ type: 'bootline:resize', version: 1, id, height: 40 }, '*');
      top.postMessage({ type: 'bootline:ready', version: 1, id, height: 40 }, '*');
    }, a.id);
    await page.waitForTimeout(400);
    expect(await themeOf(bare)).toBe('light');
    expect((await frameIn(page, '#a').boundingBox())?.height).toBe(heightBefore);

    // The same message from the host page, to the origin the embed was given, is obeyed.
    await page.evaluate((origin) => {
      (document.querySelector('#bare') as HTMLIFrameElement).contentWindow?.postMessage({ type: 'bootline:theme', version: 1, theme: 'dark' }, origin);
    }, appOrigin);
    await expect.poll(() => themeOf(bare)).toBe('dark');

    // The embed posts only to the origin it was given, never '*': given the stranger's origin
    // while framed by the host, its messages are refused by the browser and the host hears none.
    const refused = /does not match the recipient window's origin/;
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, `${app}embed.html?view=none&readonly&parent=${encodeURIComponent(stranger)}&id=misaddressed`);
    await expect.poll(() => page.frames().some((f) => f.url().includes('id=misaddressed'))).toBe(true);
    await expect.poll(() => warnings.filter((w) => refused.test(w)).length).toBeGreaterThan(0);
    const heardFromIt = await page.evaluate(() => (window as unknown as { __heard: { data: { id?: string } }[] }).__heard.filter((m) => m.data?.id === 'misaddressed').length);
    expect(heardFromIt).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('cleans up when removed: the frame goes, and its messages are no longer heard', async () => {
    const { context, page, errors } = await openHost();
    await page.locator('#a').scrollIntoViewIfNeeded();
    await readyFrame(page, '#a');
    await page.evaluate(() => document.querySelector('#a')?.remove());
    await expect.poll(() => page.frames().filter((f) => f.url().includes('embed.html') && !f.url().includes('id=bare')).length).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
