/**
 * "Download step images": every step's still as an SVG and a PNG, in one zip. The stills are
 * laid out off screen at their fixed size, then each goes through the timeline's own export
 * (svg-export.ts), so a step image is the same picture the Export button gives.
 */
import { mount, unmount } from 'svelte';
import type { Lesson } from '../../lessons/index.ts';
import { framePicture, pngFromSvg, type SvgPicture } from '../export/svg-export.ts';
import StillSheet from './StillSheet.svelte';
import { lessonStills } from './step-still.ts';
import { stillFileName, stillsZip, type StillFile } from './still-files.ts';
import { STILL_PLOT_WIDTH, STILL_PNG_SCALE } from './still-size.ts';

/** Frames to wait for the timelines to measure their boxes before giving up. */
const MAX_FRAMES = 120;

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Waits until every still's plot has its fixed width (the timeline sizes itself from its box). */
async function laidOut(host: HTMLElement, count: number): Promise<SVGSVGElement[]> {
  for (let i = 0; i < MAX_FRAMES; i++) {
    const plots = Array.from(host.querySelectorAll<SVGSVGElement>('[data-still] svg.plot'));
    if (plots.length === count && plots.every((p) => p.width.baseVal.value === STILL_PLOT_WIDTH)) {
      await document.fonts.ready;
      return plots;
    }
    await frame();
  }
  throw new Error(`The step stills did not lay out at ${STILL_PLOT_WIDTH} px within ${MAX_FRAMES} frames`);
}

/** The picture of one still on the page: its timeline with the lane names, under its caption. */
export function stillPicture(still: HTMLElement): Promise<SvgPicture> {
  const svg = still.querySelector<SVGSVGElement>('svg.plot');
  if (!svg) throw new Error('stillPicture: the still has no timeline');
  return framePicture(svg, still.dataset.caption ?? '', { labels: still.querySelector<HTMLElement>('.labels') });
}

/** Every step's still of `lesson` as `<lesson>-step-NN.svg` and `.png`, zipped. */
export async function stepImagesZip(lesson: Lesson): Promise<Uint8Array> {
  const stills = lessonStills(lesson);
  const host = document.createElement('div');
  host.inert = true;
  host.setAttribute('aria-hidden', 'true');
  // Off screen but laid out: the timelines measure their boxes.
  Object.assign(host.style, { position: 'fixed', left: '-10000px', top: '0', width: '1200px' });
  document.body.append(host);
  const sheet = mount(StillSheet, { target: host, props: { lesson, stills } });
  try {
    await laidOut(host, stills.length);
    const encoder = new TextEncoder();
    const svgs: StillFile[] = [];
    const pngs: StillFile[] = [];
    for (const el of Array.from(host.querySelectorAll<HTMLElement>('[data-still]'))) {
      const index = Number(el.dataset.still);
      const picture = await stillPicture(el);
      const png = await pngFromSvg(picture, STILL_PNG_SCALE);
      svgs.push({ name: stillFileName(lesson.id, index, 'svg', stills.length), data: encoder.encode(picture.svg) });
      pngs.push({ name: stillFileName(lesson.id, index, 'png', stills.length), data: new Uint8Array(await png.arrayBuffer()) });
    }
    return stillsZip([...svgs, ...pngs]);
  } finally {
    await unmount(sheet);
    host.remove();
  }
}
