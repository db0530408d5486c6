/**
 * Still pictures of a view for slides and docs that cannot run scripts. An SVG of the page
 * is copied with every style it uses resolved and inlined (CSS variables included) and the
 * fonts it names embedded, so the file looks the same anywhere; a PNG is that SVG drawn on
 * a canvas. The picture depends only on the run and the playhead, never on screen state
 * such as hover or focus.
 */

/** Style properties that decide how SVG content looks. */
const PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-variant-numeric', 'letter-spacing', 'text-anchor',
  'dominant-baseline', 'paint-order', 'visibility', 'display',
] as const;

/** Screen-only state (keyboard focus row, selection outline) never goes into a picture. */
const SCREEN_ONLY = ['focus-row', 'selection'];

function inlineStyles(source: Element, target: Element): void {
  if (SCREEN_ONLY.some((c) => source.classList.contains(c))) target.setAttribute('data-drop', '');
  const cs = getComputedStyle(source);
  const decl = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', decl);
  target.removeAttribute('class');
  // Presentation attributes naming CSS variables mean nothing outside the page; the inlined style has the values.
  for (const attr of Array.from(target.attributes)) if (attr.value.includes('var(')) target.removeAttribute(attr.name);
  const s = source.children;
  const t = target.children;
  for (let i = 0; i < s.length; i++) {
    const a = s[i];
    const b = t[i];
    if (a && b) inlineStyles(a, b);
  }
}

async function toDataUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error(`cannot read ${url}`));
    r.readAsDataURL(blob);
  });
}

/** @font-face rules for the families the picture uses, with their files embedded. */
async function embeddedFonts(families: readonly string[]): Promise<string> {
  const out: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a stylesheet from another origin
    }
    for (const rule of Array.from(rules)) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const family = rule.style.getPropertyValue('font-family').replace(/['"]/g, '').trim();
      if (!families.includes(family)) continue;
      const m = /url\(["']?([^"')]+\.woff2)["']?\)/.exec(rule.style.getPropertyValue('src'));
      if (!m?.[1]) continue;
      const url = new URL(m[1], sheet.href ?? location.href).href;
      const data = await toDataUrl(url);
      out.push(`@font-face{font-family:'${family}';font-style:${rule.style.getPropertyValue('font-style') || 'normal'};font-weight:${rule.style.getPropertyValue('font-weight') || '400'};src:url(${data}) format('woff2');}`);
    }
  }
  return out.join('\n');
}

export interface SvgPicture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export interface PictureOptions {
  /**
   * An HTML column of labels beside the SVG (the timeline's lane names), drawn into the
   * picture at its left at the heights they have on the page, so the picture names its rows.
   */
  readonly labels?: HTMLElement | null;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The label column as SVG text, `top` being where the plot starts in the picture. */
function labelColumn(labels: HTMLElement, svg: SVGSVGElement, top: number): { svg: string; width: number } {
  const width = Math.round(labels.getBoundingClientRect().width);
  const plotTop = svg.getBoundingClientRect().top;
  const out: string[] = [];
  const all = Array.from(labels.children);
  // The keyboard's focused row is screen state: every label takes the ink of an unfocused one.
  const plain = all.find((el) => !el.classList.contains('focused'));
  for (const el of all) {
    const text = el.textContent?.trim();
    if (!text) continue;
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(plain ?? el);
    const y = Math.round((r.top - plotTop + r.height / 2) * 10) / 10;
    out.push(`<text x="0" y="${top + y}" dominant-baseline="central" font-family="${esc(cs.fontFamily)}" font-size="${cs.fontSize}" font-weight="${cs.fontWeight}" fill="${cs.color}">${esc(text)}</text>`);
  }
  // Long names stop at the column's edge, as they do on the page.
  const clip = `<clipPath id="bootline-labels"><rect x="0" y="0" width="${Math.max(0, width - 8)}" height="100%"/></clipPath>`;
  return { svg: `${clip}<g clip-path="url(#bootline-labels)">${out.join('')}</g>`, width };
}

/** A self-contained copy of an on-screen SVG, with a title line and a background. */
export async function svgPicture(svg: SVGSVGElement, title: string, background: string, options: PictureOptions = {}): Promise<SvgPicture> {
  const plotW = Math.round(svg.width.baseVal.value || svg.getBoundingClientRect().width);
  const height = Math.round(svg.height.baseVal.value || svg.getBoundingClientRect().height);
  const titleH = 28;
  const clone = svg.cloneNode(true);
  if (!(clone instanceof SVGSVGElement)) throw new Error('svgPicture: clone is not an SVG element');
  inlineStyles(svg, clone);
  clone.querySelectorAll('[data-drop]').forEach((n) => n.remove());
  clone.removeAttribute('tabindex');
  const fonts = await embeddedFonts(['Inter', 'JetBrains Mono']);
  const text = getComputedStyle(svg).getPropertyValue('color') || '#161a20';
  const body = new XMLSerializer().serializeToString(clone).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
  const labels = options.labels ? labelColumn(options.labels, svg, titleH + 8) : undefined;
  const labelW = labels?.width ?? 0;
  const width = plotW + labelW;
  const out =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 32}" height="${height + titleH + 24}" viewBox="0 0 ${width + 32} ${height + titleH + 24}">` +
    `<style>${fonts}</style>` +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    `<text x="16" y="24" font-family="Inter, sans-serif" font-size="14" font-weight="600" fill="${text}">${esc(title)}</text>` +
    (labels ? `<g transform="translate(16 0)">${labels.svg}</g>` : '') +
    `<g transform="translate(${16 + labelW} ${titleH + 8})">${body}</g></svg>`;
  return { svg: out, width: width + 32, height: height + titleH + 24 };
}

/**
 * The picture of an SVG on the page, on the surface colour where it sits: the page's own,
 * or a light one inside a part of the page that forces the light theme (the step stills).
 */
export function framePicture(svg: SVGSVGElement, title: string, options: PictureOptions = {}): Promise<SvgPicture> {
  const background = getComputedStyle(svg).getPropertyValue('--surface').trim() || '#fff';
  return svgPicture(svg, title, background, options);
}

/** The SVG drawn at `scale` into a PNG. */
export async function pngFromSvg(picture: SvgPicture, scale = 2): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = picture.width * scale;
  canvas.height = picture.height * scale;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  g.scale(scale, scale);
  g.drawImage(img, 0, 0);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

export function download(name: string, data: Blob | string, type = 'image/svg+xml'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1_000);
}
