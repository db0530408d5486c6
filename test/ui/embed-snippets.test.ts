import { describe, expect, it } from 'vitest';
import { elementSnippet, embedUrl, iframeSnippet, markdownSnippet, playgroundUrl, type EmbedChoice } from '../../src/ui/embed/snippets.ts';
import { decodeState, hashToState } from '../../src/app/url-state.ts';
import { readEmbedParams } from '../../src/app/embed/params.ts';

const SITE = 'https://tools.example/team/bootline/';
const TEXT = '// mine, with "quotes" & <brackets>\n{ "guest": { "ramGiB": 64 } }';
const base: EmbedChoice = { siteUrl: SITE, scenario: TEXT, view: 'memory', readonly: true, theme: 'auto', autoplay: false, summary: '64 GiB · 4 × Tesla P40 · VM creation 30.1 s' };
/** The same choice for an unedited lesson step: no scenario of its own. */
const { scenario: _text, ...stepOnly } = base;

describe('"Embed this" snippets', () => {
  it('the element snippet loads the script from the site and carries the state as a share-link z', () => {
    const html = elementSnippet(base);
    expect(html.split('\n')[0]).toBe(`<script src="${SITE}embed/gpu-vm-playground.js" defer></script>`);
    const z = /scenario="([A-Za-z0-9_-]+)"/.exec(html)?.[1] ?? '';
    expect(decodeState(z)).toEqual({ ok: true, state: { page: 'playground', scenario: TEXT, view: 'memory' } });
    expect(html).toMatch(/ view="memory" readonly><\/gpu-vm-playground>$/);
    expect(html).not.toContain('theme=');
  });

  it('names an unedited lesson step by lesson and step only, and keeps non-default choices', () => {
    const html = elementSnippet({ ...stepOnly, lesson: { id: '04-prezero', step: 2 }, readonly: false, theme: 'dark', autoplay: true });
    expect(html).toContain('<gpu-vm-playground lesson="04-prezero" step="2" view="memory" theme="dark" autoplay></gpu-vm-playground>');
  });

  it('the iframe goes to embed.html with the same parameters the embed reads', () => {
    const url = new URL(embedUrl(base));
    expect(url.origin + url.pathname).toBe(`${SITE}embed.html`);
    const p = readEmbedParams(url.search);
    expect(p).toMatchObject({ view: 'memory', readonly: true, theme: 'auto', autoplay: false, notices: [] });
    expect(p.z && decodeState(p.z)).toMatchObject({ ok: true, state: { scenario: TEXT } });
    const frame = iframeSnippet(base, 1180);
    expect(frame).toMatch(/^<iframe src="[^"]+" title="Bootline playground: 64 GiB · 4 × Tesla P40 · VM creation 30\.1 s" width="100%" height="1180"/);
    expect(frame).toContain('&amp;view=memory');
  });

  it('escapes what it quotes', () => {
    const frame = iframeSnippet({ ...base, summary: 'a "b" <c> & d' }, 900);
    expect(frame).toContain('title="Bootline playground: a &quot;b&quot; &lt;c&gt; &amp; d"');
    expect(markdownSnippet({ ...base, summary: 'x [y] z' }, 'p.png')).toMatch(/^\[!\[Bootline: x \\\[y\\\] z\]\(p\.png\)\]\(/);
  });

  it('the markdown link opens the playground with the same state, or the lesson page', () => {
    const md = markdownSnippet(base, 'bootline-preview.png');
    const href = /\]\((https:[^ )]+)/.exec(md)?.[1] ?? '';
    expect(href.startsWith(SITE)).toBe(true);
    expect(hashToState(new URL(href).hash)).toMatchObject({ ok: true, state: { page: 'playground', scenario: TEXT } });
    expect(playgroundUrl({ ...stepOnly, lesson: { id: '04-prezero', step: 2 } })).toBe(`${SITE}#/lesson/04-prezero?step=2`);
  });
});
