/**
 * One lesson open on the page: the scenario the learner edits, the run the outputs show,
 * the step and what entering it scripts, goals, locks, predictions, and the solution.
 *
 * Two scenario stores on purpose. `edit` is what the editor edits: the learner's text, never
 * rewritten. `shown` is what the measures, timeline and views show: the last edited text that
 * parses and leaves the lesson's locked keys alone. An edit to a locked key is refused by not
 * reaching `shown` (and the page says why), without touching the text the learner typed.
 */
import { ScenarioStore, simulate, type GoodRun } from '../../app/state/scenario-store.svelte.ts';
import { Playhead } from '../../app/state/playhead.svelte.ts';
import { Selection } from '../../app/state/selection.svelte.ts';
import { CompareStore } from '../../app/state/compare-store.svelte.ts';
import type { ProgressStore } from '../../app/state/progress.svelte.ts';
import { checkPrediction, evaluateGoals, lockedViolations, resolvePlayhead, stepFrame, type Lesson, type PlayheadTarget, type ViewName } from '../../lessons/index.ts';
import { valueAtPath } from '../../lessons/scenario-paths.ts';
import { stepStops } from '../../sim/analysis/stops.ts';
import type { Trace } from '../../sim/trace/types.ts';
import { exerciseIndex } from './goal-marks.ts';

export interface LockedEdit {
  readonly path: string;
  /** The value the step has, and the one the learner's text gives, as JSON. */
  readonly expected: string;
  readonly got: string;
}

/** Runs a text the lesson format guarantees to be valid (npm run lessons:check runs every step). */
function mustRun(text: string, what: string): GoodRun {
  const r = simulate(text);
  if (!r.good) {
    const first = r.parsed.ok ? 'no run' : r.parsed.problems[0]?.message;
    throw new Error(`${what} does not run (${first ?? 'unknown problem'}); npm run lessons:check should have caught this`);
  }
  return r.good;
}

export class LessonSession {
  readonly lesson: Lesson;
  readonly edit: ScenarioStore;
  readonly shown: ScenarioStore;
  readonly playhead = new Playhead();
  readonly selection = new Selection();
  readonly compare = new CompareStore();
  /** The run of params.jsonc: what relative goals and the measures' deltas compare with. */
  readonly start: GoodRun;
  readonly exercise: number;
  /** Every view the lesson or one of its steps names, the lesson's first. */
  readonly views: readonly ViewName[];
  readonly #progress: ProgressStore;

  step = $state(0);
  view = $state<ViewName>('phases');
  /** The step's own run, before any edit: what predictions are checked against and locks compare with. */
  base = $state.raw<GoodRun>();
  /** The solution shown next to the learner's attempt. */
  solutionOpen = $state(false);
  hintsShown = $state(0);
  /** Predictions skipped (revealed without a guess) in this visit, by step. */
  skipped = $state<readonly number[]>([]);

  constructor(lesson: Lesson, progress: ProgressStore) {
    this.lesson = lesson;
    this.#progress = progress;
    this.exercise = exerciseIndex(lesson.steps);
    this.views = [...new Set([...lesson.views, ...lesson.steps.flatMap((s) => (s.script.view ? [s.script.view] : []))])];
    this.edit = new ScenarioStore(lesson.params.text);
    this.start = this.edit.lastGood ?? mustRun(lesson.params.text, `${lesson.dir}/params.jsonc`);
    this.shown = new ScenarioStore(lesson.params.text);
    this.compare.pin(lesson.params.text);
  }

  get current() {
    const s = this.lesson.steps[this.step];
    if (!s) throw new Error(`lesson ${this.lesson.id} has no step ${this.step}`);
    return s;
  }

  /** Locked keys the learner's (parsed) text changes from the step's values. */
  violations = $derived.by((): LockedEdit[] => {
    const good = this.edit.lastGood;
    const base = this.base;
    if (!good || !base || this.edit.stale) return [];
    return lockedViolations(this.lesson, base.scenario, good.scenario).map((path) => ({
      path,
      expected: JSON.stringify(valueAtPath(base.scenario, path)),
      got: JSON.stringify(valueAtPath(good.scenario, path)),
    }));
  });

  /** The learner's text is on screen: it parses, keeps the locks, and `shown` has caught up. */
  accepted = $derived.by(() => !this.edit.stale && this.violations.length === 0 && this.edit.lastGood?.text === this.shown.text);

  goals = $derived.by(() => {
    const trace = this.shown.lastGood?.trace;
    return trace ? evaluateGoals(this.lesson, trace, this.start.trace) : [];
  });

  allPass = $derived.by(() => this.goals.every((g) => g.passing));

  guess = $derived.by(() => this.#progress.lesson(this.lesson.id).guesses[String(this.step)]);

  /** A prediction still to make: the step asks one, and it was neither answered nor skipped. */
  predicting = $derived.by(() => this.current.script.predict !== undefined && this.guess === undefined && !this.skipped.includes(this.step));

  prediction = $derived.by(() => {
    const p = this.current.script.predict;
    return p && this.guess !== undefined && this.base ? checkPrediction(p, this.guess, this.base.trace) : undefined;
  });

  /** The learner's attempt, kept aside while the solution is in the editor. */
  attempt = $derived.by(() => this.#progress.lesson(this.lesson.id).attempt);

  /**
   * Enters step `k` (0-based): the step's scenario (or the learner's own text for it), its
   * view and its playhead. Jumping straight to a step shows what walking to it shows.
   */
  enter(k: number): void {
    const step = Math.min(Math.max(0, Math.trunc(k)), this.lesson.steps.length - 1);
    this.step = step;
    const frame = stepFrame(this.lesson, step);
    const scripted = frame.text;
    // Steps that set nothing since the last reset show params.jsonc itself: no need to run it again.
    const base = scripted === this.start.text ? this.start : mustRun(scripted, `${this.lesson.dir}/lesson.md step ${step + 1}`);
    this.base = base;
    const saved = this.#progress.lesson(this.lesson.id).texts[String(step)];
    this.edit.resetText = scripted;
    this.edit.setText(saved ?? scripted, 'script');
    this.syncShown();
    this.view = frame.view;
    this.#placePlayhead(base.trace, frame.playhead);
    this.solutionOpen = false;
    this.#progress.visit(this.lesson.id, step);
  }

  /** Moves an accepted edit to the outputs; called from an effect whenever the edit settles. */
  syncShown(): void {
    const good = this.edit.lastGood;
    if (!good || this.edit.stale || this.violations.length > 0) return;
    if (good.text !== this.shown.text) this.shown.setText(good.text, 'script');
  }

  #placePlayhead(trace: Trace, target: PlayheadTarget | undefined): void {
    this.playhead.pause();
    // Set the new run's range first, or a seek past the previous run's end would be clamped.
    this.playhead.setRun(trace.markers.firstKernelLogUs, stepStops(trace));
    const t = target ? resolvePlayhead(target, trace) : undefined;
    if (t !== undefined) this.playhead.seek(t);
  }

  resetStep(): void {
    this.edit.setText(this.edit.resetText, 'reset');
  }

  makeGuess(value: number): void {
    this.#progress.guess(this.lesson.id, this.step, value);
  }

  skipPrediction(): void {
    this.skipped = [...this.skipped, this.step];
  }

  showHint(): void {
    this.hintsShown = Math.min(this.lesson.hints.length, this.hintsShown + 1);
  }

  /** Puts the solution in the editor, keeping the learner's text aside (also across reloads). */
  useSolution(): void {
    const solution = this.lesson.solution;
    if (!solution) return;
    if (this.edit.text !== solution.text) this.#progress.attempt(this.lesson.id, this.edit.text);
    this.edit.setText(solution.text, 'script');
    this.solutionOpen = false;
  }

  /** Brings the kept attempt back into the editor. */
  backToAttempt(): void {
    const attempt = this.attempt;
    this.solutionOpen = false;
    if (attempt === undefined) return;
    this.edit.setText(attempt, 'script');
    this.#progress.attempt(this.lesson.id, undefined);
  }

  /** Remembers goals met on the exercise step, once the outputs show the learner's own text. */
  recordGoals(): void {
    if (this.step < this.exercise || !this.accepted || this.goals.length === 0) return;
    this.#progress.goals(this.lesson.id, this.goals.filter((g) => g.passing).map((g) => g.goal.id), this.allPass);
  }

  /** Keeps the learner's text for this step, or forgets it when it is the step's own again. */
  saveText(): void {
    const text = this.edit.text;
    this.#progress.stepText(this.lesson.id, this.step, text === this.edit.resetText ? undefined : text);
  }
}
