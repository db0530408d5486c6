/** Typed context for the app's shared state, so components never reach for globals. */
import { getContext, setContext } from 'svelte';
import type { ScenarioStore } from './scenario-store.svelte.ts';
import type { Playhead } from './playhead.svelte.ts';
import type { Theme } from './theme.svelte.ts';
import type { Selection } from './selection.svelte.ts';
import type { CompareStore } from './compare-store.svelte.ts';

export interface AppState {
  readonly scenario: ScenarioStore;
  readonly playhead: Playhead;
  readonly theme: Theme;
  readonly selection: Selection;
  readonly compare: CompareStore;
}

const KEY = Symbol('bootline.app');

export function setAppState(state: AppState): void {
  setContext(KEY, state);
}

export function appState(): AppState {
  const s = getContext<AppState | undefined>(KEY);
  if (!s) throw new Error('appState() used outside the app (no context set)');
  return s;
}
