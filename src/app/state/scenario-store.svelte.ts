/**
 * The scenario the user is editing: its text (the source of truth, never rewritten behind
 * the user's back), the parse result, the last good run, and one undo history shared by
 * the code editor and the form. Bad input keeps the last good run on screen, marked stale.
 */
import { parseScenarioText, type ParseResult } from '../../sim/scenario/parse.ts';
import type { Problem } from '../../sim/scenario/problems.ts';
import type { Scenario } from '../../sim/scenario/resolve.ts';
import { run } from '../../sim/engine/run.ts';
import type { Trace } from '../../sim/trace/types.ts';

export interface GoodRun {
  readonly text: string;
  readonly scenario: Scenario;
  readonly trace: Trace;
  readonly warnings: readonly Problem[];
  /** Wall time the simulation took, for "re-simulated in N ms". */
  readonly runMs: number;
}

export type EditOrigin = 'editor' | 'form' | 'history' | 'reset' | 'url' | 'script';

/** Typing within this window of the previous edit joins the same undo step. */
const COALESCE_MS = 600;
/** design-language.md: input is debounced by 150 ms before re-simulating. */
export const RUN_DEBOUNCE_MS = 150;

export function simulate(text: string): { parsed: ParseResult; good?: GoodRun } {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return { parsed };
  const t0 = performance.now();
  const trace = run(parsed.scenario);
  return { parsed, good: { text, scenario: parsed.scenario, trace, warnings: parsed.warnings, runMs: performance.now() - t0 } };
}

export class ScenarioStore {
  text = $state('');
  /** The text the last finished parse saw (lags `text` by the debounce). */
  parsed = $state<ParseResult>(parseScenarioText('{}'));
  lastGood = $state<GoodRun | undefined>(undefined);
  /** The text "reset" returns to: the default or the lesson's starting scenario. */
  resetText = $state('');
  /** Bumped on every change that did not come from the code editor, so it reloads its text. */
  externalRevision = $state(0);

  #history: string[] = [];
  #index = -1;
  #lastEditAt = 0;
  #lastOrigin: EditOrigin | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  canUndo = $state(false);
  canRedo = $state(false);

  problems = $derived(this.parsed.ok ? this.parsed.warnings : this.parsed.problems);
  errors = $derived(this.problems.filter((p) => p.severity === 'error'));
  /** The text on screen does not match the run on screen. */
  stale = $derived(!this.parsed.ok);
  pending = $state(false);

  constructor(initialText: string, resetText: string = initialText) {
    this.resetText = resetText;
    this.text = initialText;
    this.#push(initialText);
    this.#runNow();
  }

  /** A change of text. Editor typing is debounced; everything else runs at once. */
  setText(text: string, origin: EditOrigin): void {
    if (text === this.text) return;
    this.text = text;
    const now = Date.now();
    const coalesce = origin === 'editor' && this.#lastOrigin === 'editor' && now - this.#lastEditAt < COALESCE_MS;
    if (origin !== 'history') {
      if (coalesce) this.#replaceTop(text);
      else this.#push(text);
    }
    this.#lastEditAt = now;
    this.#lastOrigin = origin;
    if (origin !== 'editor') this.externalRevision++;
    if (origin === 'editor') this.#schedule();
    else this.#runNow();
  }

  undo(): void {
    if (this.#index <= 0) return;
    this.#index--;
    this.#applyHistory();
  }

  redo(): void {
    if (this.#index >= this.#history.length - 1) return;
    this.#index++;
    this.#applyHistory();
  }

  reset(): void {
    this.setText(this.resetText, 'reset');
  }

  /** Runs now whatever is pending (tests and exports need the settled state). */
  flush(): void {
    if (this.#timer !== undefined) this.#runNow();
  }

  #applyHistory(): void {
    const text = this.#history[this.#index] ?? '';
    this.#lastOrigin = 'history';
    this.text = text;
    this.externalRevision++;
    this.#updateFlags();
    this.#runNow();
  }

  #push(text: string): void {
    this.#history = [...this.#history.slice(0, this.#index + 1), text].slice(-200);
    this.#index = this.#history.length - 1;
    this.#updateFlags();
  }

  #replaceTop(text: string): void {
    this.#history[this.#index] = text;
    this.#history = this.#history.slice(0, this.#index + 1);
    this.#updateFlags();
  }

  #updateFlags(): void {
    this.canUndo = this.#index > 0;
    this.canRedo = this.#index < this.#history.length - 1;
  }

  #schedule(): void {
    this.pending = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#runNow(), RUN_DEBOUNCE_MS);
  }

  #runNow(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.pending = false;
    const result = simulate(this.text);
    this.parsed = result.parsed;
    if (result.good) this.lastGood = result.good;
  }
}
