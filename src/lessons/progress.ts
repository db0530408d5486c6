/**
 * A learner's progress through the lessons, as kept in the browser: which steps they opened,
 * which goals they met, their guesses, and their own scenario texts. Pure: reading, repairing
 * and updating the stored JSON; the page's store (src/app/state/progress.svelte.ts) does the
 * storage. A damaged or unknown store is never thrown away silently: parsing says what was
 * wrong and hands back the original text, which the store keeps under a backup key.
 */

export const PROGRESS_KEY = 'bootline.progress';
export const PROGRESS_BACKUP_KEY = 'bootline.progress.backup';
export const PROGRESS_VERSION = 1;

/** Lesson folder names, as in lessons/README.md. */
const LESSON_ID = /^[0-9]{2}-[a-z0-9-]{1,60}$/;
/** Bounds that keep a tampered store from holding anything the page would choke on. */
const MAX_STEP = 99;
export const MAX_TEXT_CHARS = 64 * 1024;

export interface LessonProgress {
  /** 0-based indexes of the steps opened, ascending. */
  readonly visited: readonly number[];
  /** The step to continue from, 0-based. */
  readonly lastStep: number;
  /** Goal ids that have passed on the exercise step, at any time. */
  readonly goalsMet: readonly string[];
  /** Every goal passed at once on the exercise step, at least once. */
  readonly completed: boolean;
  /** The learner applied the lesson's solution at some point. */
  readonly usedSolution: boolean;
  /** Guesses for "predict" steps, by 0-based step index, in the unit the prompt asked for. */
  readonly guesses: Readonly<Record<string, number>>;
  /** The learner's scenario text by 0-based step index, kept only where it differs from the step's own. */
  readonly texts: Readonly<Record<string, string>>;
  /** The learner's own text from before they applied the solution, for "Back to my attempt". */
  readonly attempt?: string;
}

export interface ProgressData {
  readonly v: typeof PROGRESS_VERSION;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
}

export type LessonStatus = 'done' | 'started' | 'new';

/** What parsing had to do: nothing, repair some entries, or start afresh. */
export type ProgressProblem = { readonly kind: 'repaired' | 'unreadable' | 'version'; readonly message: string };

export interface ProgressLoad {
  readonly data: ProgressData;
  readonly problem?: ProgressProblem;
}

export function emptyProgress(): ProgressData {
  return { v: PROGRESS_VERSION, lessons: {} };
}

export const EMPTY_LESSON: LessonProgress = { visited: [], lastStep: 0, goalsMet: [], completed: false, usedSolution: false, guesses: {}, texts: {} };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStepIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_STEP;
const isStepKey = (k: string) => /^[0-9]{1,2}$/.test(k);

/** One lesson's entry, repaired field by field; `damaged` says whether anything had to go. */
function readLesson(raw: unknown): { value?: LessonProgress; damaged: boolean } {
  if (!isRecord(raw)) return { damaged: true };
  let damaged = false;
  /** Keeps what checks out; anything else is dropped and the entry marked as repaired. */
  const check = (ok: boolean): boolean => {
    if (!ok) damaged = true;
    return ok;
  };
  const visitedRaw: unknown[] = check(Array.isArray(raw.visited)) && Array.isArray(raw.visited) ? raw.visited : [];
  const visited = [...new Set(visitedRaw.filter((v) => check(isStepIndex(v))).filter(isStepIndex))].sort((a, b) => a - b);
  const goalsRaw: unknown[] = check(Array.isArray(raw.goalsMet)) && Array.isArray(raw.goalsMet) ? raw.goalsMet : [];
  // Each goal once, as with visited steps: a goal listed twice would show as "3 of 2 goals met".
  const goalsMet = [...new Set(goalsRaw.filter((g): g is string => check(typeof g === 'string' && /^[a-z0-9-]{1,60}$/.test(g))))];
  const guesses: Record<string, number> = {};
  for (const [k, v] of Object.entries(check(isRecord(raw.guesses)) && isRecord(raw.guesses) ? raw.guesses : {})) {
    if (check(isStepKey(k) && typeof v === 'number' && Number.isFinite(v)) && typeof v === 'number') guesses[k] = v;
  }
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(check(isRecord(raw.texts)) && isRecord(raw.texts) ? raw.texts : {})) {
    if (check(isStepKey(k) && typeof v === 'string' && v.length <= MAX_TEXT_CHARS) && typeof v === 'string') texts[k] = v;
  }
  const attempt = typeof raw.attempt === 'string' && raw.attempt.length <= MAX_TEXT_CHARS ? raw.attempt : undefined;
  check(raw.attempt === undefined || attempt !== undefined);
  const value: LessonProgress = {
    visited,
    lastStep: check(isStepIndex(raw.lastStep)) && isStepIndex(raw.lastStep) ? raw.lastStep : 0,
    goalsMet,
    completed: check(typeof raw.completed === 'boolean') && raw.completed === true,
    usedSolution: check(typeof raw.usedSolution === 'boolean') && raw.usedSolution === true,
    guesses,
    texts,
    ...(attempt !== undefined ? { attempt } : {}),
  };
  return { value, damaged };
}

/**
 * Reads the stored text. Nothing stored is a fresh start without a word; anything else that
 * cannot be read in full says so, and the caller keeps `raw` aside before saving over it.
 */
export function parseProgress(raw: string | null | undefined): ProgressLoad {
  if (raw === null || raw === undefined || raw.trim() === '') return { data: emptyProgress() };
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return { data: emptyProgress(), problem: { kind: 'unreadable', message: 'it is not valid JSON (it may have been cut short)' } };
  }
  if (!isRecord(payload) || !isRecord(payload.lessons)) {
    return { data: emptyProgress(), problem: { kind: 'unreadable', message: 'it does not hold Bootline lesson progress' } };
  }
  if (payload.v !== PROGRESS_VERSION) {
    // Version 1 is the first; an older or newer shape is not guessed at.
    return { data: emptyProgress(), problem: { kind: 'version', message: `it was saved by another version of Bootline (progress version ${JSON.stringify(payload.v) ?? 'missing'}, this one reads ${PROGRESS_VERSION})` } };
  }
  const lessons: Record<string, LessonProgress> = {};
  const repaired: string[] = [];
  for (const [id, entry] of Object.entries(payload.lessons)) {
    const r = LESSON_ID.test(id) ? readLesson(entry) : { damaged: true };
    if (r.value) lessons[id] = r.value;
    if (r.damaged) repaired.push(LESSON_ID.test(id) ? id : JSON.stringify(id.slice(0, 30)));
  }
  const data: ProgressData = { v: PROGRESS_VERSION, lessons };
  if (repaired.length === 0) return { data };
  // The first few by name: a store damaged everywhere would otherwise fill the page with ids.
  const named = repaired.length > 5 ? `${repaired.slice(0, 5).join(', ')} and ${repaired.length - 5} more` : repaired.join(', ');
  return { data, problem: { kind: 'repaired', message: `some entries were damaged and were repaired or left out (${named})` } };
}

export function serializeProgress(data: ProgressData): string {
  return JSON.stringify(data);
}

export function lessonProgress(data: ProgressData, id: string): LessonProgress {
  return data.lessons[id] ?? EMPTY_LESSON;
}

function update(data: ProgressData, id: string, change: (p: LessonProgress) => LessonProgress): ProgressData {
  return { v: PROGRESS_VERSION, lessons: { ...data.lessons, [id]: change(lessonProgress(data, id)) } };
}

export function visitStep(data: ProgressData, id: string, step: number): ProgressData {
  return update(data, id, (p) => ({ ...p, lastStep: step, visited: p.visited.includes(step) ? p.visited : [...p.visited, step].sort((a, b) => a - b) }));
}

export function recordGuess(data: ProgressData, id: string, step: number, guess: number): ProgressData {
  return update(data, id, (p) => ({ ...p, guesses: { ...p.guesses, [String(step)]: guess } }));
}

/**
 * Keeps the learner's text for a step; `undefined` when it is the step's own again. A text
 * over MAX_TEXT_CHARS is not kept (the last one that fit stays): reading would drop it as damage.
 */
export function setStepText(data: ProgressData, id: string, step: number, text: string | undefined): ProgressData {
  if (text !== undefined && text.length > MAX_TEXT_CHARS) return data;
  return update(data, id, (p) => {
    const { [String(step)]: _old, ...rest } = p.texts;
    return { ...p, texts: text === undefined ? rest : { ...rest, [String(step)]: text } };
  });
}

/** Goals passing now on the exercise step: remembered one by one, and the lesson done once all pass together. */
export function recordGoals(data: ProgressData, id: string, passing: readonly string[], allPass: boolean): ProgressData {
  const p = lessonProgress(data, id);
  const fresh = passing.filter((g) => !p.goalsMet.includes(g));
  if (fresh.length === 0 && (p.completed || !allPass)) return data;
  return update(data, id, (q) => ({ ...q, goalsMet: [...q.goalsMet, ...fresh], completed: q.completed || allPass }));
}

/** Sets aside the learner's attempt before the solution replaces it (undefined forgets it; one over MAX_TEXT_CHARS cannot be kept). */
export function keepAttempt(data: ProgressData, id: string, text: string | undefined): ProgressData {
  return update(data, id, (p) => {
    const { attempt: _old, ...rest } = p;
    if (text === undefined) return rest;
    return text.length > MAX_TEXT_CHARS ? { ...rest, usedSolution: true } : { ...rest, attempt: text, usedSolution: true };
  });
}

export function lessonStatus(data: ProgressData, id: string): LessonStatus {
  const p = data.lessons[id];
  if (!p) return 'new';
  return p.completed ? 'done' : p.visited.length > 0 ? 'started' : 'new';
}

export function doneCount(data: ProgressData, ids: readonly string[]): number {
  return ids.filter((id) => data.lessons[id]?.completed === true).length;
}

/** The exported file: the stored JSON, indented, so a learner can read what it holds. */
export function exportProgress(data: ProgressData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export type ProgressImport = { readonly ok: true; readonly data: ProgressData; readonly note?: string } | { readonly ok: false; readonly message: string };

/** An imported file: refused when unreadable, accepted with a note when entries had to be repaired. */
export function importProgress(text: string): ProgressImport {
  const r = parseProgress(text);
  if (text.trim() === '') return { ok: false, message: 'The file is empty.' };
  if (r.problem && r.problem.kind !== 'repaired') return { ok: false, message: `The file cannot be imported: ${r.problem.message}.` };
  return r.problem ? { ok: true, data: r.data, note: `In the file, ${r.problem.message}.` } : { ok: true, data: r.data };
}
