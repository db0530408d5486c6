/** Typed context for what the lesson pages and the top bar's lesson picker share. */
import { getContext, setContext } from 'svelte';
import type { LessonCatalog } from './lesson-catalog.svelte.ts';
import type { ProgressStore } from './progress.svelte.ts';
import type { Router } from './router.svelte.ts';

export interface LessonState {
  readonly progress: ProgressStore;
  readonly catalog: LessonCatalog;
  readonly router: Router;
}

const KEY = Symbol('bootline.lessons');

export function setLessonState(state: LessonState): void {
  setContext(KEY, state);
}

export function lessonState(): LessonState {
  const s = getContext<LessonState | undefined>(KEY);
  if (!s) throw new Error('lessonState() used outside the app (no context set)');
  return s;
}
