/**
 * Every text a room reads on the presenter's stage, with its size at stage scale: the
 * computed font size times the zoom of the figures it sits in (the stage's own zoom only fits
 * the 1920 × 1080 slide to the screen, so it is divided out). Hidden text and text for
 * screen readers only (a 1 px clipped box) are not on the slide, so they are left out.
 */
import type { Page } from 'playwright-core';

export interface StageText {
  readonly px: number;
  readonly text: string;
  /** The element and its parents, as far as three up: where to look. */
  readonly where: string;
}

export function stageTexts(page: Page): Promise<StageText[]> {
  return page.evaluate(() => {
    const stage = document.querySelector<HTMLElement>('[data-present]');
    if (!stage) throw new Error('no stage on the page');
    const zoomOf = (el: Element) => (el as Element & { currentCSSZoom: number }).currentCSSZoom;
    const out: StageText[] = [];
    const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (!text || !el || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue;
      // Text in an SVG scaled by a viewBox is drawn at its size times that scale.
      const ctm = el instanceof SVGGraphicsElement ? el.getCTM() : null;
      const svgScale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
      const px = (parseFloat(getComputedStyle(el).fontSize) * zoomOf(el) * svgScale) / zoomOf(stage);
      const path: string[] = [];
      for (let e: Element | null = el; e && e !== stage && path.length < 4; e = e.parentElement) {
        path.unshift(e.tagName.toLowerCase() + [...e.classList].filter((c) => !c.startsWith('svelte-')).map((c) => `.${c}`).join(''));
      }
      out.push({ px: Math.round(px * 100) / 100, text: text.slice(0, 40), where: path.join(' > ') });
    }
    return out;
  });
}
