/**
 * Text from outside stays text, in real Chromium. A corpus of script-injection payloads goes
 * everywhere text enters the app from someone else: lesson markdown (through the lesson
 * renderer, run in the lesson page), every field of a share link, every embed parameter and
 * every attribute of the custom element on another site's page, scenario keys and values that
 * problem messages echo, and an imported progress file. Each payload would set
 * `window.__xss` (or open a dialog) if it ran. The app is served without any CSP here, so
 * nothing but the app's own handling of text stands in the way. After each page: the flag is
 * unset in every frame, no unexpected dialog opened, and no element in any frame or shadow
 * root carries an event-handler attribute, a script URL, an inline script or a srcdoc.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { launch } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';

const RUN = 'window.__xss=1';
const WAIT = { timeout: 30_000 };

/** HTML and attribute payloads: tags, handlers, URLs, encodings, parser confusion. */
const HTML_PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  '<img src=x onerror=alert(1)>',
  `<svg onload="${RUN}"></svg>`,
  `<svg><script>${RUN}</script></svg>`,
  `<a href="javascript:${RUN}">click</a>`,
  `<a href="jav&#x09;ascript:${RUN}">tab</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${RUN}">entities</a>`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<object data="data:text/html,<script>parent.__xss=1</script>"></object>',
  '<a href="data:text/html,<script>opener.__xss=1</script>">data</a>',
  `<div style="background:url(javascript:${RUN})">style</div>`,
  `<div style="width: expression(${RUN})">expr</div>`,
  `<style>@import 'javascript:${RUN}';</style>`,
  '<img src=x onerror="\\u0077indow.__xss=1">',
  '<img src=x onerror="&#x77;indow.__xss=1">',
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<form><button formaction="javascript:${RUN}">go</button></form>`,
  `<details open ontoggle="${RUN}">`,
  `<input autofocus onfocus="${RUN}">`,
  `"><img src=x onerror=${RUN}>`,
  `'><svg/onload=${RUN}>`,
  `</textarea><script>${RUN}</script>`,
  `<!--<img src="--><img src=x onerror=${RUN}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<video><source onerror="${RUN}"></video>`,
  `\u003cimg src=x onerror=${RUN}\u003e`,
];

/** Markdown's own ways to a link or an image. */
const MARKDOWN_PAYLOADS = [
  `[click](javascript:${RUN})`,
  `[click](JaVaScRiPt:${RUN})`,
  `[click](javascript&#58;${RUN})`,
  `[click](<javascript:${RUN}>)`,
  `[click](%6A%61%76%61%73%63%72%69%70%74:${RUN})`,
  `![img](javascript:${RUN})`,
  `![img](x" onerror="${RUN})`,
  '[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)',
  `<javascript:${RUN}>`,
  `[ref]\n\n[ref]: javascript:${RUN}`,
  `[a](https://example.com "x\\" onmouseover=\\"${RUN}")`,
  `[a](lesson:04-prezero" onmouseover="${RUN})`,
  `\`guest.ramGiB" onmouseover="${RUN}\``,
  '[x](vbscript:msgbox(1))',
  `**<img src=x onerror=${RUN}>**`,
  `> <svg onload=${RUN}>`,
  `| a |\n|---|\n| <img src=x onerror=${RUN}> |`,
];

const ALL = [...HTML_PAYLOADS, ...MARKDOWN_PAYLOADS];

/** A scenario that runs, with payloads in its name and in every comment. */
const VALID = `// ${HTML_PAYLOADS.join('\n// ')}
{
  /* ${MARKDOWN_PAYLOADS.join(' ').replace(/\*\//g, '* /')} */
  "name": "<img src=x onerror=${RUN}>",
  "guest": { "ramGiB": 64 }
}
`;
/** One that is refused: unknown keys and a bad value, each echoed by a problem message. */
const INVALID = `{
  "<svg onload=${RUN}>": 1,
  "guest": { "memoryBacking": "<script>${RUN}</script>", "<img src=x onerror=${RUN}>": true },
  "name": "\\"><iframe srcdoc='<script>parent.__xss=1</script>'>"
}
`;

let browser: Browser;
let app: string;
let server: Server;
let host: string;
/** The lesson renderer (src/ui/lesson/lesson-markdown.ts) built for the browser. */
let renderer: string;

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** src values that must never become the frame's address (or its base). */
const BAD_SRCS = [`javascript:${RUN}//`, 'data:text/html,<script>window.__xss=1</script>', 'http://[::1'];

/** Another site's page whose author put payloads in every attribute (escaped, as HTML requires). */
function hostPage(): string {
  const attrs: Record<string, string> = {
    lesson: '<img src=x onerror=window.__xss=1>',
    step: '"><svg onload=window.__xss=1>',
    view: `javascript:${RUN}`,
    scenario: VALID,
    theme: '<script>window.__xss=1</script>',
    readonly: '<img src=x onerror=window.__xss=1>',
    autoplay: `javascript:${RUN}`,
    load: 'click',
    title: '<img src=x onerror=window.__xss=1>',
  };
  const a = Object.entries(attrs).map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A wiki page</title>
<script src="${app}embed/gpu-vm-playground.js" defer></script></head>
<body><h1>Our GPU VMs</h1><gpu-vm-playground id="a" ${a}></gpu-vm-playground></body></html>`;
}

/** A page whose author pointed elements' src at things that are not a Bootline site. */
function badSrcPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A wiki page</title>
<script src="${app}embed/gpu-vm-playground.js" defer></script></head>
<body><h1>Our GPU VMs</h1>
${BAD_SRCS.map((src, i) => `<gpu-vm-playground id="src${i}" src="${escapeAttr(src)}"></gpu-vm-playground>`).join('\n')}</body></html>`;
}

beforeAll(async () => {
  app = inject('baseURL');
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: 'src/ui/lesson/lesson-markdown.ts', formats: ['iife'], name: 'LessonMarkdown' } },
  });
  const chunk = (Array.isArray(out) ? out[0] : (out as Rolldown.RolldownOutput))?.output[0];
  if (chunk?.type !== 'chunk') throw new Error('the lesson renderer did not build');
  renderer = chunk.code;
  server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(req.url === '/bad-src' ? badSrcPage() : hostPage()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  host = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

interface Opened {
  readonly page: Page;
  readonly dialogs: string[];
  readonly errors: string[];
}

/** A page that records dialogs (dismissing them) except the ones `expected` accepts. */
async function open(expected: (message: string) => boolean = () => false): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    if (expected(d.message())) void d.accept();
    else {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    }
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, dialogs, errors };
}

/**
 * Everything in a frame that could run script: event-handler attributes, script-bearing
 * URLs, inline or foreign scripts, srcdoc frames, plugins, refreshes; shadow roots included.
 * Ends by hovering, focusing and clicking every element that is not a real link, so a
 * handler that only fires on interaction gets its chance.
 */
function scriptVectors(frame: Frame): Promise<{ readonly flag: unknown; readonly found: string[] }> {
  return frame.evaluate(async () => {
    const found: string[] = [];
    const elements: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        elements.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const describe = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}>`;
    const scriptUrl = /^(javascript|vbscript|data:text\/html)/i;
    for (const el of elements) {
      for (const attr of el.attributes) {
        const value = attr.value.replace(/[\u0000-\u0020]/g, '');
        if (/^on/i.test(attr.name)) found.push(`${describe(el)} ${attr.name}="${attr.value}"`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'].includes(attr.name) && scriptUrl.test(value)) found.push(`${describe(el)} ${attr.name}="${attr.value}"`);
        if (attr.name === 'srcdoc') found.push(`${describe(el)} srcdoc`);
      }
      if (el.localName === 'script') {
        const src = el.getAttribute('src');
        if (!src || new URL(src, location.href).origin !== location.origin && !/gpu-vm-playground\.js$/.test(src)) found.push(`script ${src ?? el.textContent?.slice(0, 60)}`);
      }
      if (['object', 'embed', 'base'].includes(el.localName)) found.push(describe(el));
      if (el.localName === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) found.push('meta refresh');
    }
    // Interaction: handlers that wait for a hover, a focus or a click.
    for (const el of elements) {
      if (!(el instanceof HTMLElement || el instanceof SVGElement)) continue;
      for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) el.dispatchEvent(new Event(type));
    }
    for (const el of elements) {
      if (el instanceof HTMLAnchorElement || !(el instanceof HTMLElement) || el.closest('a')) continue;
      // Buttons that navigate, download or ask would leave the page under test; the rest is clicked.
      if (el.closest('button, [role="menuitem"], [role="tab"], input, select, label, summary')) continue;
      el.click();
    }
    await new Promise((r) => setTimeout(r, 300));
    return { flag: (window as unknown as { __xss?: unknown }).__xss, found };
  });
}

/** Every frame of the page is clean, and nothing asked for a dialog. */
async function expectInert(opened: Opened): Promise<void> {
  // Images with a bad src fire onerror on their own: give them time.
  await opened.page.waitForTimeout(500);
  for (const frame of opened.page.frames()) {
    const { flag, found } = await scriptVectors(frame);
    expect(found, frame.url()).toEqual([]);
    expect(flag, frame.url()).toBeUndefined();
  }
  expect(opened.dialogs).toEqual([]);
}

describe('the checks', () => {
  it('catch a payload that was let in raw: the flag, the handler, the script URL and a hover-only handler', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(`${app}#/lessons`);
    await page.locator('[data-lesson-item]').first().waitFor(WAIT);
    await page.evaluate((run) => {
      const div = document.createElement('div');
      div.innerHTML = `<img src=x onerror="${run}"><a href=" javascript:${run}">x</a><p onmouseover="window.__hovered=1">y</p>`;
      document.body.append(div);
    }, RUN);
    await page.waitForTimeout(500);
    const { flag, found } = await scriptVectors(page.mainFrame());
    expect(flag).toBe(1);
    expect(found).toEqual([`<img> onerror="${RUN}"`, `<a> href=" javascript:${RUN}"`, '<p> onmouseover="window.__hovered=1"']);
    expect(await page.evaluate(() => (window as unknown as { __hovered?: number }).__hovered)).toBe(1);
    await page.close();
  });
});

describe('lesson markdown', () => {
  it('renders every payload as text or a plain link, in the lesson page', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(`${app}#/lesson/03-zeroing?step=4`);
    await page.locator('.prose').first().waitFor(WAIT);
    // The renderer's own script tag goes once it has run, so the DOM check sees only the app's.
    await (await page.addScriptTag({ content: renderer })).evaluate((el) => (el as Element).remove());
    const rendered = await page.evaluate((payloads) => {
      const render = (window as unknown as { LessonMarkdown: { renderLessonMarkdown: (t: string) => string } }).LessonMarkdown.renderLessonMarkdown;
      const column = document.querySelector('.prose')?.parentElement ?? document.body;
      return payloads.map((p) => {
        const div = document.createElement('div');
        div.className = 'prose';
        div.setAttribute('data-probe', '');
        div.innerHTML = render(p);
        column.append(div);
        return { text: div.textContent ?? '', links: [...div.querySelectorAll('a')].map((a) => a.getAttribute('href')) };
      });
    }, [...ALL, '[a plain link](https://example.com/docs)', 'See [lesson 4](lesson:04-prezero#2).']);
    expect(rendered.length).toBe(ALL.length + 2);
    // Raw HTML shows as the text the author typed; the controls render as links.
    expect(rendered[0]?.text).toBe(HTML_PAYLOADS[0]);
    expect(rendered[1]?.text).toBe(HTML_PAYLOADS[1]);
    expect(rendered.at(-2)?.links).toEqual(['https://example.com/docs']);
    expect(rendered.at(-1)?.links).toEqual(['#/lesson/04-prezero?step=2']);
    // No link other than http(s) and the app's own lesson routes.
    const links = rendered.slice(0, ALL.length).flatMap((r) => r.links);
    for (const href of links) expect(href).toMatch(/^(https?:\/\/|#\/lesson\/)/);
    await expectInert(opened);
    expect(opened.errors).toEqual([]);
    await page.close();
  });
});

describe('share links', () => {
  it('payloads in the scenario, its comments and name, the view and the before text stay text on every view', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(`${app}${stateToHash({ page: 'playground', scenario: VALID, before: INVALID, view: `<img src=x onerror=${RUN}>`.slice(0, 39), selected: 3 })}`);
    await page.locator('.timeline-panel svg.plot').waitFor(WAIT);
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    // The name is shown, as text.
    await expect.poll(() => page.locator('body').textContent(), WAIT).toContain(`<img src=x onerror=${RUN}>`);
    for (const view of ['memory', 'iova', 'resets', 'flame', 'charts', 'busy-host', 'statechart', 'phases']) {
      await page.locator(`#tab-${view}`).click();
      await page.locator(`#view-${view}`).waitFor(WAIT);
      if (view === 'charts') {
        await page.locator('[data-sweep-values]').fill('32..64:32');
        await page.locator('[data-sweep-run]').click();
        await page.locator('[data-status="done"]').waitFor(WAIT);
      }
      await expectInert(opened);
    }
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.locator('.compare').first().waitFor(WAIT);
    await expectInert(opened);
    expect(opened.errors).toEqual([]);
    await page.close();
  });

  it('problem messages echo unknown keys and bad values as text', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(`${app}${stateToHash({ page: 'playground', scenario: INVALID })}`);
    const problems = page.locator('.problems');
    await expect.poll(() => problems.textContent(), WAIT).toContain(`<svg onload=${RUN}>`);
    expect(await problems.textContent()).toContain(`<script>${RUN}</script>`);
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    await page.locator('.monaco-editor .squiggly-error').first().waitFor(WAIT);
    // The markers' hover cards (Monaco renders their messages).
    const mark = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
    if (mark) await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
    await page.locator('.monaco-hover-content').first().waitFor(WAIT);
    await page.waitForTimeout(1_000);
    await expectInert(opened);
    expect(opened.errors).toEqual([]);
    await page.close();
  });

  it('payloads in the route itself open the playground or the lesson list', async () => {
    const opened = await open();
    const { page } = opened;
    const z = stateToHash({ page: 'lesson', scenario: VALID, lesson: '03-zeroing', step: 2 }).split('z=')[1];
    for (const hash of [
      `#/lesson/${encodeURIComponent(`<img src=x onerror=${RUN}>`)}?step=${encodeURIComponent(`<svg onload=${RUN}>`)}&z=${z}`,
      `#/${encodeURIComponent(`<script>${RUN}</script>`)}?z=${z}`,
      `#/playground?z=${encodeURIComponent(`"><img src=x onerror=${RUN}>`)}`,
      `#/lesson/03-zeroing?step=2"><svg/onload=${RUN}>&z=${z}`,
    ]) {
      await page.goto(`${app}${hash}`);
      await page.locator('main').first().waitFor(WAIT);
      await page.waitForTimeout(1_000);
      await expectInert(opened);
    }
    expect(opened.errors).toEqual([]);
    await page.close();
  });
});

describe('presenter links', () => {
  it('a lesson id or step that is a payload is named in the notice, as text', async () => {
    const opened = await open();
    const { page } = opened;
    for (const route of ['present', 'speaker']) {
      await page.goto(`${app}#/${route}/${encodeURIComponent(`<img src=x onerror=${RUN}>`)}?step=1`);
      await expect.poll(() => page.locator('[data-slide-notice] h1').textContent(), WAIT).toBe(`There is no lesson “<img src=x onerror=${RUN}>”`);
      await expectInert(opened);
      await page.goto(`${app}#/${route}/03-zeroing?step=${encodeURIComponent(`<svg onload=${RUN}>`)}`);
      await expect.poll(() => page.locator('[data-slide-notice] h1').textContent(), WAIT).toMatch(/has no step “<svg onload=window\._”$/);
      await expectInert(opened);
    }
    expect(opened.errors).toEqual([]);
    await page.close();
  });
});

describe('the embed', () => {
  it('every query parameter of embed.html carries a payload; the notices show them as text', async () => {
    const opened = await open();
    const { page } = opened;
    const z = stateToHash({ page: 'playground', scenario: VALID }).split('z=')[1] ?? '';
    const q = new URLSearchParams({
      lesson: `<img src=x onerror=${RUN}>`,
      step: `"><svg onload=${RUN}>`,
      view: `javascript:${RUN}`,
      theme: `<script>${RUN}</script>`,
      parent: `javascript:${RUN}`,
      id: `"><img src=x onerror=${RUN}>`,
      readonly: `<svg onload=${RUN}>`,
      autoplay: `javascript:${RUN}`,
      z,
    });
    await page.goto(`${app}embed.html?${q}`);
    await page.locator('.timeline-panel svg.plot').waitFor(WAIT);
    await expect.poll(() => page.locator('body').textContent(), WAIT).toContain(`"<img src=x onerror=${RUN}>" is not a lesson name`);
    // Long values are cut to their start in the notices.
    expect(await page.locator('body').textContent()).toContain('(it was "javascript:window.__")');
    expect(await page.locator('body').textContent()).toContain('(it was ""><svg onload=window")');
    await expectInert(opened);
    // A z that is itself a payload.
    await page.goto(`${app}embed.html?z=${encodeURIComponent(`<img src=x onerror=${RUN}>`)}`);
    await page.locator('main, #app > *').first().waitFor(WAIT);
    await page.waitForTimeout(1_000);
    await expectInert(opened);
    expect(opened.errors).toEqual([]);
    await page.close();
  });

  it('every attribute of the custom element on another site carries a payload', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(host);
    await page.locator('gpu-vm-playground .title').waitFor(WAIT);
    expect(await page.locator('gpu-vm-playground .title').textContent()).toBe(`Lesson <img src=x onerror=${RUN}>`);
    await expectInert(opened);
    await page.locator('gpu-vm-playground button').click();
    const frame = page.frameLocator('gpu-vm-playground iframe');
    await frame.locator('.timeline-panel svg.plot').waitFor(WAIT);
    await expectInert(opened);
    expect(opened.errors).toEqual([]);
    await page.close();
  });

  it('an element whose src is a script URL, data or no address at all says so and loads nothing', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(`${host}bad-src`);
    for (const [i, src] of BAD_SRCS.entries()) {
      const sub = page.locator(`#src${i} .sub`);
      await sub.waitFor(WAIT);
      expect(await sub.textContent()).toContain(`must be an http or https address of a Bootline site, not "${src}"`);
      expect(await page.locator(`#src${i} button`).isDisabled()).toBe(true);
      expect(await page.locator(`#src${i} iframe`).count()).toBe(0);
    }
    // Even when scrolled to (where a playground loads by itself), nothing loads and nothing runs.
    await page.locator('#src2').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    expect(await page.locator('gpu-vm-playground iframe').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(opened.dialogs).toEqual([]);
    expect(opened.errors).toEqual([]);
    await page.close();
  });

  it('the element passes on only well-formed state messages, even from its own frame', async () => {
    const opened = await open();
    const { page } = opened;
    await page.goto(host);
    await page.evaluate(() => {
      const w = window as unknown as { __states: unknown[] };
      w.__states = [];
      document.querySelector('gpu-vm-playground')?.addEventListener('bootline-state', (e) => w.__states.push((e as CustomEvent).detail));
    });
    await page.locator('gpu-vm-playground button').click();
    await page.frameLocator('gpu-vm-playground iframe').locator('.timeline-panel svg.plot').waitFor(WAIT);
    const src = await page.locator('gpu-vm-playground iframe').getAttribute('src');
    const id = new URL(src ?? '', app).searchParams.get('id') ?? '';
    const embed = page.frames().find((f) => f.url().includes(`id=${id}`));
    if (!embed) throw new Error('no embed frame');
    // Forged from inside the frame: the right window and origin, so only the shape check stands.
    await embed.evaluate((id) => {
      const good = { vmCreationMs: 1, vmInitializationMs: 1, biosExecutionMs: 0 };
      for (const m of [
        { type: 'bootline:state', version: 1, id, measures: { ...good, vmCreationMs: '<img src=x onerror=window.__xss=1>' }, playing: false },
        { type: 'bootline:state', version: 1, id, measures: { ...good, biosExecutionMs: -1 }, playing: false },
        { type: 'bootline:state', version: 1, id, measures: good, playing: 'yes' },
        { type: 'bootline:state', version: 1, id, measures: null, playing: true },
        { type: 'bootline:state', version: 2, id, measures: good, playing: true },
        { type: 'bootline:state', version: 1, id: 'another', measures: good, playing: true },
        { type: 'bootline:state', version: 1, id, measures: { ...good, html: '<img src=x onerror=window.__xss=1>' }, playing: true, extra: '<svg onload=window.__xss=1>' },
      ]) parent.postMessage(m, '*');
    }, id);
    // The last forgery is well-formed apart from extra keys: it gets through, stripped to the
    // contract's fields (and so the ones before it had their chance to).
    await expect.poll(() => page.evaluate(() => (window as unknown as { __states: unknown[] }).__states), WAIT).toContainEqual({ measures: { vmCreationMs: 1, vmInitializationMs: 1, biosExecutionMs: 0 }, playing: true });
    // The embed's own state messages may arrive too; none of the malformed ones did.
    const states = await page.evaluate(() => (window as unknown as { __states: { measures: Record<string, unknown>; playing: unknown }[] }).__states);
    for (const s of states) {
      expect(Object.keys(s.measures).sort()).toEqual(['biosExecutionMs', 'vmCreationMs', 'vmInitializationMs']);
      for (const v of Object.values(s.measures)) expect(typeof v).toBe('number');
      expect(typeof s.playing).toBe('boolean');
    }
    expect(opened.errors).toEqual([]);
    await page.close();
  });
});

describe('progress files', () => {
  it('an imported file with payloads in its ids, goals and texts stays text, in the message and in the editor', async () => {
    const file = JSON.stringify({
      v: 1,
      lessons: {
        [`<img src=x onerror=${RUN}>`]: { visited: [0] },
        '03-zeroing': {
          visited: [0, 1],
          lastStep: 1,
          goalsMet: [`<svg onload=${RUN}>`],
          completed: false,
          usedSolution: false,
          guesses: { '1': 12 },
          texts: { '1': VALID },
          attempt: `<script>${RUN}</script>`,
        },
      },
    });
    const opened = await open((m) => m.startsWith('Replace your lesson progress'));
    const { page } = opened;
    await page.goto(`${app}#/lessons`);
    await page.locator('[data-lesson-item]').first().waitFor(WAIT);
    await page.getByRole('button', { name: 'Progress' }).click();
    await page.locator('[data-import-file]').setInputFiles({ name: `<img src=x onerror=${RUN}>.json`, mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect.poll(() => page.locator('[data-import-message]').textContent(), WAIT).toContain('<img src=x onerror=');
    await expectInert(opened);
    await page.goto(`${app}#/lesson/03-zeroing?step=2`);
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), WAIT).toContain('onerror');
    await expectInert(opened);
    expect(opened.errors).toEqual([]);
    await page.close();
  });
});
