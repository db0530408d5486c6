/**
 * The lessons, fetched on first need: their texts and the full zod their schema uses live in
 * a chunk of their own, so the playground's first load never waits for them.
 */
import type { LessonCollection } from '../../lessons/collection.ts';

export class LessonCatalog {
  collection = $state.raw<LessonCollection | undefined>(undefined);
  /** Why the lessons chunk did not load (offline, a stale deploy). */
  error = $state<string | undefined>(undefined);
  #loading: Promise<LessonCollection> | undefined;

  load(): Promise<LessonCollection> {
    this.#loading ??= import('../../lessons/load-vite.ts')
      .then((m) => {
        const c = m.loadLessons();
        this.collection = c;
        this.error = undefined;
        return c;
      })
      .catch((e: unknown) => {
        // A failed fetch may work on a later attempt, so it is not cached.
        this.#loading = undefined;
        this.error = e instanceof Error ? e.message : String(e);
        throw e;
      });
    return this.#loading;
  }
}
