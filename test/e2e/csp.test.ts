/**
 * The built site runs under the strict Content-Security-Policy that README.md (Security)
 * gives for deployments: scripts and workers only from the site's own files, no eval, no
 * inline script, nothing fetched from elsewhere. Served here by a bare static server that
 * sends the policy with every file (workers included) and records violation reports; the
 * pages also report `securitypolicyviolation` events and the console's CSP errors. Every page
 * is walked: the playground with each view (a sweep and a busy-host run start their
 * workers), exports, the editor typed in, compare, the lesson list, a lesson, the presenter
 * and its speaker window, the embed page read-only and editing, and another site's page with
 * the custom element.
 *
 * Styles need 'unsafe-inline' for one reason: Monaco draws its lines as HTML strings with
 * style attributes and themes itself with <style> elements. Everything else works under
 * `style-src 'self'`, which the second half checks, together with proof that the editor is
 * the one that needs it (so the allowance is dropped the day it stops needing it).
 */
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch } from './browser.ts';
import { stateToHash } from '../../src/app/url-state.ts';
import { findDynamicCode } from '../app/eval-scan.ts';

/** The policy README.md gives (Security), read from it so the two never drift, plus this server's report endpoint. */
const README_POLICY = /^\s*Content-Security-Policy: (.+)$/m.exec(readFileSync('README.md', 'utf8'))?.[1] ?? '';
// report-uri rather than report-to: Chromium sends report-uri reports at once, while report-to
// batches them (and, when present, replaces report-uri).
const SITE_POLICY = `${README_POLICY}; report-uri /csp-report`;
/** The same without inline styles: what every page but the editor satisfies. */
const STRICT_STYLE_POLICY = SITE_POLICY.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'");

/** Path prefixes choose the policy; the build's relative paths make it work under either. */
const SITE = '/site/';
const STRICT = '/strict/';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.json': 'application/json', '.ttf': 'font/ttf',
};
const WAIT = { timeout: 30_000 };
const BASELINE = readFileSync('examples/talk-baseline.jsonc', 'utf8');
const AFTER = readFileSync('examples/all-optimizations.jsonc', 'utf8');

/** Another team's docs page: only an external script, as a strict site of its own would have. */
const wikiPage = (attrs: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>GPU VMs</title>
<link rel="icon" href="favicon.svg"><script src="embed/gpu-vm-playground.js" defer></script></head>
<body><h1>GPU VMs</h1><gpu-vm-playground ${attrs}></gpu-vm-playground></body></html>`;

interface Report {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
  readonly document: string;
}

let server: Server;
let origin: string;
let browser: Browser;
const reports: Report[] = [];

beforeAll(async () => {
  const dist = inject('distDir');
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/csp-report' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const r = (JSON.parse(body) as { 'csp-report': Record<string, string> })['csp-report'];
        reports.push({ directive: r['effective-directive'] ?? r['violated-directive'] ?? '', blocked: r['blocked-uri'] ?? '', source: r['source-file'] ?? '', document: r['document-uri'] ?? '' });
        res.writeHead(204).end();
      });
      return;
    }
    const prefix = [SITE, STRICT].find((p) => path.startsWith(p));
    if (!prefix) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-security-policy': prefix === STRICT ? STRICT_STYLE_POLICY : SITE_POLICY };
    const rel = normalize(path.slice(prefix.length) || 'index.html').replace(/^(\.\.[/\\])+/, '');
    if (rel.startsWith('wiki-')) {
      const attrs = rel === 'wiki-edit.html' ? 'scenario=\'{ "guest": { "ramGiB": 64 } }\' view="iova" load="click"' : 'lesson="04-prezero" step="2" view="memory" readonly';
      res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(wikiPage(attrs));
      return;
    }
    readFile(join(dist, rel)).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

beforeEach(() => {
  reports.length = 0;
});

interface Watched {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Everything the page (any frame) and the server heard about CSP, plus other errors. */
  readonly problems: () => Promise<string[]>;
  /** Only the CSP violations, each as "directive: source". */
  readonly violations: () => Promise<string[]>;
}

/** A page that records CSP violation events in every frame, from before its first script. */
async function watchedPage(viewport = { width: 1440, height: 1000 }): Promise<Watched> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective}: ${e.blockedURI} from ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const console: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) console.push(m.text());
    else if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const events = async () => (await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [])))).flat();
  // Reports travel on their own request: wait until the server's count stops moving.
  const settledReports = async () => {
    let seen = -1;
    while (seen !== reports.length) {
      seen = reports.length;
      await page.waitForTimeout(500);
    }
    return reports.map((r) => `${r.directive}: ${r.blocked} from ${r.source} (report)`);
  };
  const violations = async () => [...(await events()), ...console, ...(await settledReports())];
  return { context, page, violations, problems: async () => [...(await violations()), ...errors] };
}

const url = (prefix: string, rest: string) => `${origin}${prefix}${rest}`;

describe('the policy', () => {
  it('is the strict one README.md gives: no eval, no inline script, no blob: workers, no plugins', () => {
    const directives = new Map(README_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    // The one allowance, for the editor (the last test below shows why it is needed).
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(STRICT_STYLE_POLICY).toContain("style-src 'self';");
    expect(README_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|blob:|\*\.|https?:/);
  });
});

describe('the shipped files', () => {
  it('have no eval, Function constructor or string timer, dependencies and workers included', () => {
    const dist = inject('distDir');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(m?js|html)$/.test(f));
    // The pages, the app, Monaco and its workers, the sweep and busy-host workers, the embed script.
    for (const name of [/^index\.html$/, /^embed\.html$/, /editor\.worker-.*\.js$/, /json\.worker-.*\.js$/, /sweep\.worker-.*\.js$/, /busy-host\.worker-.*\.js$/, /gpu-vm-playground\.js$/]) {
      expect(files.some((f) => name.test(f)), String(name)).toBe(true);
    }
    const hits = files.flatMap((f) => findDynamicCode(readFileSync(join(dist, f), 'utf8')).map((h) => `${f}:${h.line} ${h.rule}: ${h.excerpt}`));
    expect(hits).toEqual([]);
  });

  it('have no inline script or inline event handler in the pages', () => {
    const dist = inject('distDir');
    for (const page of ['index.html', 'embed.html']) {
      const html = readFileSync(join(dist, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length, page).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, page).toMatch(/\bsrc="\.\/assets\//);
        expect(body?.trim(), page).toBe('');
      }
      expect(html, page).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});

describe('every page under the site policy', () => {
  it('the playground: each view, a sweep and a busy-host run in workers, exports, and typing in the editor', async () => {
    const { context, page, problems } = await watchedPage();
    await page.goto(url(SITE, stateToHash({ page: 'playground', scenario: BASELINE, view: 'phases' })));
    await page.locator('.timeline-panel svg.plot').waitFor(WAIT);
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    for (const view of ['memory', 'iova', 'resets', 'flame', 'statechart', 'phases']) {
      await page.locator(`#tab-${view}`).click();
      await page.locator(`#view-${view}`).waitFor(WAIT);
    }
    // A small sweep: its workers load from the site under worker-src 'self'.
    await page.locator('#tab-charts').click();
    await page.locator('[data-sweep-values]').fill('64..256:64');
    await page.locator('[data-sweep-run]').click();
    await page.locator('[data-status="done"]').waitFor(WAIT);
    expect(await page.locator('[data-status]').getAttribute('data-done')).toBe('4');
    await page.locator('#tab-busy-host').click();
    await page.locator('[data-busy-run]').click();
    await page.locator('[data-kept-up]').waitFor(WAIT);
    // Exports: the PNG is drawn from a data: URL image (img-src data:).
    for (const kind of ['SVG', 'PNG']) {
      await page.getByRole('button', { name: 'Export' }).first().click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: `This frame as ${kind}` }).click()]);
      expect((await download.path()).length).toBeGreaterThan(0);
    }
    // Typing in the editor: the run follows the text, and completion asks the JSON worker.
    const creation = async () => Number(await page.locator('[data-measure="vmCreationMs"] .v').getAttribute('data-value-ms'));
    const before = await creation();
    await page.locator('.monaco-editor .view-line', { hasText: '"ramGiB"' }).locator('span > span', { hasText: /^256$/ }).dblclick();
    await page.keyboard.type('64');
    await expect.poll(creation, WAIT).toBeLessThan(before - 10_000);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'optimizations' }).waitFor(WAIT);
    await page.keyboard.press('Escape');
    expect(await problems()).toEqual([]);
    await context.close();
  });

  it('compare with a pinned before, the lesson list, and a lesson typed in', async () => {
    const { context, page, problems } = await watchedPage();
    await page.goto(url(SITE, stateToHash({ page: 'compare', scenario: AFTER, before: BASELINE })));
    await page.locator('.compare').first().waitFor(WAIT);
    await page.goto(url(SITE, '#/lessons'));
    await page.locator('[data-lesson-item]').first().waitFor(WAIT);
    await page.goto(url(SITE, '#/lesson/03-zeroing?step=4'));
    await page.locator('[data-goal]').first().waitFor(WAIT);
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    await page.locator('.monaco-editor .view-line', { hasText: '"ramGiB"' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' // a learner\'s note');
    await expect.poll(() => page.locator('.monaco-editor .view-lines').textContent(), WAIT).toMatch(/a\slearner's\snote/);
    expect(await problems()).toEqual([]);
    await context.close();
  });

  it('the embed page read-only, and editing with the editor loaded', async () => {
    // Wide enough for the embed to offer Monaco rather than its narrow-screen text area.
    const { context, page, problems } = await watchedPage();
    await page.goto(url(SITE, 'embed.html?lesson=04-prezero&step=2&view=memory&readonly'));
    await page.locator('[data-view="memory"] .memory').waitFor(WAIT);
    await page.goto(url(SITE, 'embed.html?lesson=04-prezero&step=2&view=iova'));
    await page.getByRole('button', { name: 'Edit scenario' }).click();
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    expect(await problems()).toEqual([]);
    await context.close();
  });

  it('the presenter and its speaker window, stepping through a lesson', async () => {
    const { context, page, problems } = await watchedPage();
    await page.goto(url(SITE, '#/present/03-zeroing?step=1'));
    await page.locator('[data-present]').waitFor(WAIT);
    const speaker = await context.newPage();
    const speakerErrors: string[] = [];
    speaker.on('console', (m) => (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) && speakerErrors.push(m.text()));
    speaker.on('pageerror', (e) => speakerErrors.push(e.message));
    await speaker.goto(url(SITE, '#/speaker/03-zeroing?step=1'));
    await speaker.locator('[data-speaker]').waitFor(WAIT);
    await speaker.locator('[data-speaker-next]').click();
    await expect.poll(() => page.locator('[data-present]').getAttribute('data-step'), WAIT).toBe('2');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-present]').getAttribute('data-step'), WAIT).toBe('3');
    await page.locator('[data-view]').first().waitFor(WAIT);
    const speakerEvents = await speaker.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect([...speakerEvents, ...speakerErrors]).toEqual([]);
    expect(await problems()).toEqual([]);
    await context.close();
  });

  it('another site\'s page with the custom element, framing the embed', async () => {
    const { context, page, problems } = await watchedPage({ width: 1000, height: 900 });
    await page.goto(url(SITE, 'wiki-edit.html'));
    await page.locator('gpu-vm-playground button').click();
    const frame = page.frameLocator('gpu-vm-playground iframe');
    await frame.locator('.timeline-panel svg.plot').waitFor(WAIT);
    expect(await problems()).toEqual([]);
    await context.close();
  });
});

describe('without inline styles', () => {
  it('every page but the editor works under style-src \'self\' alone', async () => {
    const { context, page, problems } = await watchedPage();
    await page.goto(url(STRICT, stateToHash({ page: 'compare', scenario: AFTER, before: BASELINE })));
    await page.locator('.compare').first().waitFor(WAIT);
    await page.goto(url(STRICT, '#/lessons'));
    await page.locator('[data-lesson-item]').first().waitFor(WAIT);
    await page.goto(url(STRICT, '#/present/03-zeroing?step=2'));
    await page.locator('[data-present]').waitFor(WAIT);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('[data-present]').getAttribute('data-step'), WAIT).toBe('3');
    await page.goto(url(STRICT, '#/speaker/03-zeroing?step=2'));
    await page.locator('[data-speaker]').waitFor(WAIT);
    await page.goto(url(STRICT, 'embed.html?lesson=04-prezero&step=2&view=resets&readonly'));
    await page.locator('[data-view="resets"]').waitFor(WAIT);
    // The custom element on a strict host page: its shadow styles are a constructed sheet.
    await page.goto(url(STRICT, 'wiki-readonly.html'));
    const frame = page.frameLocator('gpu-vm-playground iframe');
    await frame.locator('[data-view="memory"] .memory').waitFor(WAIT);
    expect(await problems()).toEqual([]);
    await context.close();
  });

  it('the editor is what needs \'unsafe-inline\' styles, and nothing it is refused is a script', async () => {
    const { context, page, violations } = await watchedPage();
    await page.goto(url(STRICT, stateToHash({ page: 'playground', scenario: BASELINE })));
    await page.locator('.monaco-editor .view-lines').waitFor(WAIT);
    const seen = await violations();
    expect(seen.length).toBeGreaterThan(0);
    const reported = reports.filter((r) => r.document.includes(STRICT));
    expect(reported.length).toBeGreaterThan(0);
    for (const r of reported) {
      expect(r.directive).toMatch(/^style-src-(elem|attr)$/);
      expect(r.source).toMatch(/\/assets\/editor\.api-[\w-]+\.js$/);
    }
    await context.close();
  });
});
