/**
 * A step change on the stage crossfades over 320 ms (design-language.md, motion): the step's
 * title, prose and view fade in over the old ones, which fade out in the same place. Under
 * reduced motion it is a cut. The stage stacks each old and new block in one grid cell.
 */
import { cubicOut } from 'svelte/easing';
import type { TransitionConfig } from 'svelte/transition';

export const STEP_FADE_MS = 320;

interface StepFade {
  /** Reduced motion: no fade, the new block is whole at once. */
  cut: boolean;
}

function fade(cut: boolean): TransitionConfig {
  if (cut) return { duration: 0 };
  return { duration: STEP_FADE_MS, easing: cubicOut, css: (t) => `opacity: ${t}` };
}

export function stepIn(_node: Element, { cut }: StepFade): TransitionConfig {
  return fade(cut);
}

/**
 * The leaving block is only a picture of the step before: it stops naming the step (its data-
 * attributes are how the page and its tests find the current title and view), and readers,
 * pointers and the keyboard pass it by.
 */
export function stepOut(node: Element, { cut }: StepFade): TransitionConfig {
  for (const a of [...node.attributes]) if (a.name.startsWith('data-')) node.removeAttribute(a.name);
  node.setAttribute('aria-hidden', 'true');
  if (node instanceof HTMLElement) node.inert = true;
  return fade(cut);
}
