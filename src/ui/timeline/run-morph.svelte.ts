/**
 * design-language.md: when a run changes, spans move from their old geometry to the new one
 * over 240 ms. Only a new run morphs: zooming, panning and resizing move spans at once, so
 * the morph is switched on for the 240 ms after the Trace changes and off otherwise.
 */
export const MORPH_MS = 240;

export class RunMorph {
  active = $state(false);
  #last: object | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Call with the run being drawn; a different run than last time starts a morph. */
  watch(trace: object): void {
    const first = this.#last === undefined;
    if (trace === this.#last) return;
    this.#last = trace;
    // The first run appears as is: there is nothing to morph from.
    if (first) return;
    this.active = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.active = false), MORPH_MS + 40);
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }
}
