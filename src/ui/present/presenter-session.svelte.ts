/**
 * A lesson played as slides. Entering step k shows the scenario of step k − 1 (or
 * params.jsonc after a reset) and then types the step's `set` into the scenario text, frame
 * by frame at a fixed pace; when the text is complete the run changes and the playhead goes
 * where the step puts it. With instant edits (reduced motion, or the I key) the text changes at
 * once. Either way the end of step k is the same scenario, view and playhead every time,
 * whether the presenter walked there or jumped. What a step scripts comes from the lessons
 * module, as on the lesson page; the learner's saved texts, guesses and progress play no part.
 */
import { ScenarioStore, type GoodRun } from '../../app/state/scenario-store.svelte.ts';
import { Playhead, SPEEDS, speedId, type Speed } from '../../app/state/playhead.svelte.ts';
import { Selection } from '../../app/state/selection.svelte.ts';
import { CompareStore } from '../../app/state/compare-store.svelte.ts';
import { resolvePlayhead, stepFrame, type Lesson, type PlayheadTarget, type ViewName } from '../../lessons/index.ts';
import { stepStops } from '../../sim/analysis/stops.ts';
import type { Trace } from '../../sim/trace/types.ts';
import { changedRange, TYPE_STEP_MS, typingFrames, withLeadIn, type TypingFrame } from './typing-schedule.ts';

export class PresenterSession {
  readonly lesson: Lesson;
  /** The run on screen: what the timeline, measures and views read. */
  readonly shown: ScenarioStore;
  readonly playhead = new Playhead();
  readonly selection = new Selection();
  readonly compare = new CompareStore();
  /** The run of params.jsonc, which the hero figure compares with. */
  readonly start: GoodRun;
  /** The views the steps show, each once, in step order. */
  readonly views: readonly ViewName[];

  /** 0-based. */
  step = $state(0);
  view = $state<ViewName>('phases');
  /** The scenario text on screen; runs ahead of `shown` while an edit is being typed. */
  text = $state('');
  /** The frame being typed, while a step's edit types itself out. */
  frame = $state<TypingFrame | undefined>(undefined);
  /** What the step's edit changed, [start, end) in `text`, once it is complete. */
  changed = $state<{ start: number; end: number } | undefined>(undefined);
  /** Edits appear at once instead of being typed. */
  instant = $state(false);
  blank = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(lesson: Lesson) {
    this.lesson = lesson;
    this.shown = new ScenarioStore(lesson.params.text);
    const start = this.shown.lastGood;
    if (!start) throw new Error(`${lesson.dir}/params.jsonc does not run; npm run lessons:check should have caught this`);
    this.start = start;
    this.views = [...new Set(lesson.steps.map((_, k) => stepFrame(lesson, k).view))];
    this.compare.pin(lesson.params.text);
    this.text = lesson.params.text;
    this.instant = this.playhead.reducedMotion;
  }

  get current() {
    const s = this.lesson.steps[this.step];
    if (!s) throw new Error(`lesson ${this.lesson.id} has no step ${this.step}`);
    return s;
  }

  /** The scenario text step k ends on; step −1 is params.jsonc, where step 0's edit starts. */
  textAt(k: number): string {
    return k < 0 ? this.lesson.params.text : stepFrame(this.lesson, k).text;
  }

  /** Where the step puts the playhead, as the lesson page and the handout put it (step-frame.ts). */
  get playheadTarget(): PlayheadTarget | undefined {
    return stepFrame(this.lesson, this.step).playhead;
  }

  get typing(): boolean {
    return this.frame !== undefined;
  }

  /** Enters step k (0-based, clamped), typing its edit unless edits are instant. */
  enter(k: number): void {
    this.#stopTyping();
    const step = Math.min(Math.max(0, Math.trunc(k)), this.lesson.steps.length - 1);
    this.step = step;
    this.selection.selectSpan(undefined);
    this.view = stepFrame(this.lesson, step).view;
    const script = this.current.script;
    const from = script.reset ? this.lesson.params.text : this.textAt(step - 1);
    const frames = this.instant ? [] : withLeadIn(from, typingFrames(from, script.set));
    this.changed = undefined;
    if (frames.length === 0) {
      this.#finish(from);
      return;
    }
    this.#show(from);
    let shown = 0;
    this.frame = frames[0];
    this.text = frames[0]?.text ?? from;
    this.#timer = setInterval(() => {
      shown++;
      const f = frames[shown];
      if (f) {
        this.frame = f;
        this.text = f.text;
      } else {
        this.#stopTyping();
        this.#finish(from);
      }
    }, TYPE_STEP_MS);
  }

  /** The step's own text and run, its edit from `from` marked. */
  #finish(from: string): void {
    const text = this.textAt(this.step);
    this.#show(text);
    this.changed = changedRange(from, text);
  }

  /** Ends the edit being typed: the step's full text and its run, at once. */
  finishTyping(): void {
    if (!this.typing) return;
    this.#stopTyping();
    const script = this.current.script;
    this.#finish(script.reset ? this.lesson.params.text : this.textAt(this.step - 1));
  }

  /** A live change of the scenario by the presenter (the E key): it runs like the editor's. */
  editLive(text: string): void {
    this.#stopTyping();
    this.changed = undefined;
    this.text = text;
    this.shown.setText(text, 'editor');
  }

  toggleInstant(): void {
    this.instant = !this.instant;
    if (this.instant) this.finishTyping();
  }

  /** One notch along the playhead's speeds, ordered by how fast each plays this run; `by` is +1 (faster) or −1. */
  changeSpeed(by: 1 | -1): void {
    const endUs = this.playhead.endUs;
    const usPerMs = (s: Speed) => (s.kind === 'rate' ? s.x * 1_000 : endUs / (s.seconds * 1_000));
    const sorted = [...SPEEDS].sort((a, b) => usPerMs(a) - usPerMs(b));
    const i = sorted.findIndex((s) => speedId(s) === speedId(this.playhead.speed));
    const next = sorted[Math.min(sorted.length - 1, Math.max(0, (i < 0 ? 0 : i) + by))];
    if (next) this.playhead.speed = next;
  }

  dispose(): void {
    this.#stopTyping();
    this.playhead.pause();
  }

  #stopTyping(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.frame = undefined;
  }

  /** Puts a text on screen with its run and the step's playhead. */
  #show(text: string): void {
    this.text = text;
    this.shown.setText(text, 'script');
    const trace = this.shown.lastGood?.trace;
    if (trace) this.#placePlayhead(trace);
  }

  #placePlayhead(trace: Trace): void {
    this.playhead.pause();
    // The new run's range first, or a seek past the previous run's end would be clamped.
    this.playhead.setRun(trace.markers.firstKernelLogUs, stepStops(trace));
    const target = this.playheadTarget;
    const t = target ? resolvePlayhead(target, trace) : undefined;
    this.playhead.seek(t ?? 0);
  }
}
