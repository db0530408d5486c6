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

/** What stepOut took from a leaving block, to give back if the block returns. */
const taken = new WeakMap<Element, readonly (readonly [string, string])[]>();

/**
 * A block coming in. It may be a leaving block brought back: going back to a step before its
 * fade ended resumes the old block instead of making a new one, so it gets its names back.
 */
export function stepIn(node: Element, { cut }: StepFade): TransitionConfig {
  const names = taken.get(node);
  if (names) {
    taken.delete(node);
    for (const [name, value] of names) node.setAttribute(name, value);
    node.removeAttribute('aria-hidden');
    if (node instanceof HTMLElement) node.inert = false;
  }
  return fade(cut);
}

/**
 * The leaving block is only a picture of the step before: it stops naming the step (its data-
 * attributes are how the page and its tests find the current title and view), and readers,
 * pointers and the keyboard pass it by.
 */
export function stepOut(node: Element, { cut }: StepFade): TransitionConfig {
  const names = [...node.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name, a.value] as const);
  taken.set(node, names);
  for (const [name] of names) node.removeAttribute(name);
  node.setAttribute('aria-hidden', 'true');
  if (node instanceof HTMLElement) node.inert = true;
  return fade(cut);
}
