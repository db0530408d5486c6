/**
 * Where the app is: the page, and on the lesson page the lesson and its step (1-based, as in
 * links). Changing it is navigation; App.svelte turns a change of route into a new history
 * entry, so the browser's back button walks pages, lessons and steps.
 */
import type { Page, Route } from '../url-state.ts';

export class Router {
  page = $state<Page>('playground');
  lesson = $state<string | undefined>(undefined);
  step = $state(1);
  /** A presenter link's step that is not a number, kept so the page can say so (url-state.ts). */
  stepText = $state<string | undefined>(undefined);

  constructor(route: Route) {
    this.go(route);
  }

  go(route: Route): void {
    // A lesson page without a lesson is the list.
    this.page = route.page === 'lesson' && route.lesson === undefined ? 'lessons' : route.page;
    this.lesson = route.lesson;
    this.step = route.step ?? 1;
    this.stepText = route.stepText;
  }

  get route(): Route {
    // The handout is the whole lesson: no step in its link.
    if (this.page === 'handout' && this.lesson !== undefined) return { page: 'handout', lesson: this.lesson };
    if ((this.page === 'present' || this.page === 'speaker') && this.lesson !== undefined) {
      return this.stepText !== undefined ? { page: this.page, lesson: this.lesson, stepText: this.stepText } : { page: this.page, lesson: this.lesson, step: this.step };
    }
    return this.page === 'lesson' && this.lesson !== undefined ? { page: 'lesson', lesson: this.lesson, step: this.step } : { page: this.page };
  }
}

/** Same place, reading a missing step as the first (a bare "#/lesson/<id>" is its step 1). */
export function sameRoute(a: Route, b: Route): boolean {
  return a.page === b.page && a.lesson === b.lesson && (a.lesson === undefined || (a.step ?? 1) === (b.step ?? 1)) && a.stepText === b.stepText;
}
