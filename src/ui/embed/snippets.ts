/**
 * The copy-paste snippets of "Embed this" (docs/embedding.md): the custom element with its
 * script, a bare <iframe> for pages that allow no scripts of their own, and a markdown link
 * with a preview image for sites that allow no HTML at all. Pure, so they are unit-tested.
 */
import { encodeState, routeToHash } from '../../app/url-state.ts';
import type { EmbedView, ThemeParam } from '../../app/embed/params.ts';

export interface EmbedChoice {
  /** The Bootline site's base URL, ending in "/" (where index.html and embed.html live). */
  readonly siteUrl: string;
  /** The scenario text to show; left out when a lesson step shows its own unedited scenario. */
  readonly scenario?: string;
  readonly lesson?: { readonly id: string; readonly step?: number };
  readonly view: EmbedView;
  readonly readonly: boolean;
  readonly theme: ThemeParam;
  readonly autoplay: boolean;
  /** Words for titles and alt text: "256 GiB · 4 × Tesla P40 · VM creation 112.6 s". */
  readonly summary: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Markdown link text and image alt: brackets would end them early. */
const escapeMarkdown = (s: string) => s.replace(/([[\]\\])/g, '\\$1');

/** The share-link state of the scenario, the `z` both the element and embed.html take. */
function stateZ(c: EmbedChoice): string | undefined {
  return c.scenario === undefined ? undefined : encodeState({ page: 'playground', scenario: c.scenario, ...(c.view !== 'none' ? { view: c.view } : {}) });
}

/** Attributes in a stable order, defaults left out so snippets stay short. */
function attributes(c: EmbedChoice): [string, string | true][] {
  const out: [string, string | true][] = [];
  if (c.lesson) {
    out.push(['lesson', c.lesson.id]);
    if (c.lesson.step !== undefined) out.push(['step', String(c.lesson.step)]);
  }
  const z = stateZ(c);
  if (z !== undefined) out.push(['scenario', z]);
  out.push(['view', c.view]);
  if (c.readonly) out.push(['readonly', true]);
  if (c.theme !== 'auto') out.push(['theme', c.theme]);
  if (c.autoplay) out.push(['autoplay', true]);
  return out;
}

export function elementSnippet(c: EmbedChoice): string {
  const attrs = attributes(c)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`))
    .join('');
  return `<script src="${escapeAttr(new URL('embed/gpu-vm-playground.js', c.siteUrl).href)}" defer></script>\n<gpu-vm-playground${attrs}></gpu-vm-playground>`;
}

/** embed.html with the same choice as query parameters (the element's `scenario` is `z` here). */
export function embedUrl(c: EmbedChoice): string {
  const q = new URLSearchParams();
  for (const [k, v] of attributes(c)) q.set(k === 'scenario' ? 'z' : k, v === true ? '1' : v);
  return new URL(`embed.html?${q}`, c.siteUrl).href;
}

/**
 * A bare frame: no script on the host page, so nothing sizes it; it gets a fixed height and
 * scrolls inside. `heightPx` is the reader's guess at the content's height.
 */
export function iframeSnippet(c: EmbedChoice, heightPx: number): string {
  const title = `Bootline playground: ${c.summary}`;
  return `<iframe src="${escapeAttr(embedUrl(c))}" title="${escapeAttr(title)}" width="100%" height="${Math.round(heightPx)}" style="border: 0" loading="lazy"></iframe>`;
}

/** The full site on the same state (an unedited lesson step: its lesson page), for the markdown link. */
export function playgroundUrl(c: EmbedChoice): string {
  const z = stateZ(c);
  if (z !== undefined) return new URL(`#/playground?z=${z}`, c.siteUrl).href;
  if (c.lesson) return new URL(routeToHash({ page: 'lesson', lesson: c.lesson.id, ...(c.lesson.step !== undefined ? { step: c.lesson.step } : {}) }), c.siteUrl).href;
  return c.siteUrl;
}

/** A link with a still picture of the timeline (saved next to the page as `imagePath`). */
export function markdownSnippet(c: EmbedChoice, imagePath: string): string {
  const alt = escapeMarkdown(`Bootline: ${c.summary}`);
  return `[![${alt}](${imagePath})](${playgroundUrl(c)} "Open the interactive playground")`;
}
