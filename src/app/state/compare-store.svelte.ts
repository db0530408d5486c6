/**
 * The "before" of a comparison: a pinned scenario text and its run. The "after" is always
 * the scenario being edited, so pinning, editing and looking is the whole workflow.
 */
import { simulate, type GoodRun } from './scenario-store.svelte.ts';

export class CompareStore {
  before = $state<GoodRun | undefined>(undefined);
  /** A message when a pinned text (from a link) could not run. */
  problem = $state<string | undefined>(undefined);

  pin(text: string): void {
    const r = simulate(text);
    if (r.good) {
      this.before = r.good;
      this.problem = undefined;
    } else {
      this.problem = 'The pinned scenario has problems and cannot be compared.';
    }
  }

  unpin(): void {
    this.before = undefined;
  }
}
