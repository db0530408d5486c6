/**
 * Lesson progress kept in this browser's localStorage (the pure rules are in
 * src/lessons/progress.ts). A store that cannot be read in full is copied to a backup key
 * before anything is written over it, and a notice says what happened; storage that is off
 * or full keeps progress for this visit and says so.
 */
import {
  doneCount, emptyProgress, exportProgress, importProgress, keepAttempt, lessonProgress, lessonStatus, MAX_TEXT_CHARS, parseProgress,
  PROGRESS_BACKUP_KEY, PROGRESS_KEY, recordGoals, recordGuess, serializeProgress, setStepText, visitStep,
  type LessonProgress, type LessonStatus, type ProgressData,
} from '../../lessons/progress.ts';

/** The part of the Web Storage API the store uses, so tests can hand in a Map-backed one. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

function browserStorage(): ProgressStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Some browsers throw on merely touching localStorage when storage is blocked.
    return undefined;
  }
}

export class ProgressStore {
  data = $state.raw<ProgressData>(emptyProgress());
  /** Something the learner should know about their saved progress; dismissable. */
  notice = $state<string | undefined>(undefined);
  readonly #storage: ProgressStorage | undefined;
  /** Off after a failed write, so one full disk gives one notice, not one per keystroke. */
  #writable = true;
  /** Set once a text was too long to keep, so it is said once, not on every keystroke. */
  #toldTooLong = false;

  constructor(storage: ProgressStorage | undefined = browserStorage()) {
    this.#storage = storage;
    let raw: string | null = null;
    try {
      raw = storage?.getItem(PROGRESS_KEY) ?? null;
    } catch {
      this.notice = 'Lesson progress cannot be read in this browser (storage is blocked); it is kept for this visit only.';
      this.#writable = false;
      return;
    }
    const loaded = parseProgress(raw);
    this.data = loaded.data;
    if (!loaded.problem || raw === null) return;
    try {
      storage?.setItem(PROGRESS_BACKUP_KEY, raw);
    } catch {
      // Without a backup, never overwrite the only copy: run from memory for this visit.
      this.#writable = false;
      this.notice = `Your saved lesson progress could not be read in full: ${loaded.problem.message}. It was left untouched in this browser, and progress is kept for this visit only.`;
      return;
    }
    this.notice = loaded.problem.kind === 'repaired'
      ? `Some of your saved lesson progress was damaged: ${loaded.problem.message}. The rest is kept; the original was copied to "${PROGRESS_BACKUP_KEY}" in this browser's storage.`
      : `Your saved lesson progress could not be read: ${loaded.problem.message}. It was copied to "${PROGRESS_BACKUP_KEY}" in this browser's storage, and progress starts afresh.`;
    this.#commit(loaded.data);
  }

  lesson(id: string): LessonProgress {
    return lessonProgress(this.data, id);
  }

  status(id: string): LessonStatus {
    return lessonStatus(this.data, id);
  }

  doneCount(ids: readonly string[]): number {
    return doneCount(this.data, ids);
  }

  visit(id: string, step: number): void {
    const p = this.lesson(id);
    if (p.lastStep === step && p.visited.includes(step)) return;
    this.#commit(visitStep(this.data, id, step));
  }

  guess(id: string, step: number, value: number): void {
    this.#commit(recordGuess(this.data, id, step, value));
  }

  /** The learner's text for a step; undefined when it is the step's own text again. */
  stepText(id: string, step: number, text: string | undefined): void {
    if (this.lesson(id).texts[String(step)] === text) return;
    this.#tooLong(text);
    this.#commit(setStepText(this.data, id, step, text));
  }

  goals(id: string, passing: readonly string[], allPass: boolean): void {
    const next = recordGoals(this.data, id, passing, allPass);
    if (next !== this.data) this.#commit(next);
  }

  attempt(id: string, text: string | undefined): void {
    this.#tooLong(text);
    this.#commit(keepAttempt(this.data, id, text));
  }

  /** Progress keeps texts up to MAX_TEXT_CHARS; a longer one stays in the editor only, and the learner is told once. */
  #tooLong(text: string | undefined): void {
    if (text === undefined || text.length <= MAX_TEXT_CHARS || this.#toldTooLong) return;
    this.#toldTooLong = true;
    this.notice = `This scenario is over ${MAX_TEXT_CHARS / 1024} KiB, too long to keep with your lesson progress; it stays in the editor until you leave the step.`;
  }

  exportText(): string {
    return exportProgress(this.data);
  }

  /** Replaces progress with an exported file's; the progress it replaces goes to the backup key first. */
  importText(text: string): { readonly ok: boolean; readonly message: string } {
    const r = importProgress(text);
    if (!r.ok) return { ok: false, message: r.message };
    try {
      this.#storage?.setItem(PROGRESS_BACKUP_KEY, serializeProgress(this.data));
    } catch {
      return { ok: false, message: 'The progress you have now could not be backed up first, so nothing was imported.' };
    }
    this.#commit(r.data);
    const count = Object.keys(r.data.lessons).length;
    const note = r.note ? ` ${r.note}` : '';
    return { ok: true, message: `Imported progress for ${count} ${count === 1 ? 'lesson' : 'lessons'}.${note} Your previous progress was copied to "${PROGRESS_BACKUP_KEY}".` };
  }

  #commit(next: ProgressData): void {
    this.data = next;
    if (!this.#writable || !this.#storage) return;
    try {
      this.#storage.setItem(PROGRESS_KEY, serializeProgress(next));
    } catch {
      this.#writable = false;
      this.notice = 'Lesson progress could not be saved in this browser (storage is full or off); it is kept for this visit only.';
    }
  }
}
