/**
 * Everything a share link carries: page, scenario text, pinned "before" text, playhead,
 * view, selection, and on the lesson page the lesson and step. Stored in the hash as
 * deflated, base64url JSON with a version, so old links keep working through migrations and
 * a broken link never throws. Lesson pages also keep a readable route in front of the state
 * ("#/lesson/03-zeroing?step=2&z=…"), which wins over the state's copy, so a hand-edited or
 * hand-typed lesson link works.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';

export const URL_STATE_VERSION = 1;
/** Links longer than this are refused on decode (a tampered or runaway link). */
export const MAX_ENCODED_LENGTH = 64 * 1024;
/**
 * Largest state a link may inflate to: 1 MiB of JSON, far above any real scenario and far
 * below what freezes the editor. Deflate packs repeated text about 1,000 to 1, so a link
 * under MAX_ENCODED_LENGTH could otherwise hold some 50 MB.
 */
export const MAX_STATE_BYTES = 1024 * 1024;

export const PAGES = ['playground', 'compare', 'lesson', 'lessons', 'present', 'speaker', 'handout'] as const;
export type Page = (typeof PAGES)[number];

/** Lesson folder names: "03-zeroing" (lessons/README.md). */
const LESSON_ID = /^[0-9]{2}-[a-z0-9-]{1,60}$/;
/** A lesson has a handful of steps; a bound keeps a tampered link from meaning anything odd. */
const MAX_STEP = 99;

/** Where the app is: the page, and on the lesson page which lesson and step (1-based). */
export interface Route {
  readonly page: Page;
  readonly lesson?: string;
  readonly step?: number;
  /**
   * The presenter and speaker pages only: the step as written in the link when it is not a
   * step number ("?step=zero"), so the page can say what is wrong instead of guessing.
   */
  readonly stepText?: string;
}

/** Pages that show one lesson by its id: the presenter, its speaker window, and the printable handout. */
const SLIDE_PAGES: readonly Page[] = ['present', 'speaker', 'handout'];
/** Longest lesson id a presenter link may carry, so a tampered one stays readable in the notice. */
const MAX_SLIDE_ID = 80;

export interface UrlState {
  readonly page: Page;
  /** The scenario text as the user wrote it, comments included. */
  readonly scenario: string;
  /** The pinned "before" scenario for compare. */
  readonly before?: string;
  readonly timeUs?: number;
  readonly view?: string;
  readonly selected?: number;
  /** The lesson shown on the lesson page: its folder name. */
  readonly lesson?: string;
  /** The lesson's step, counted from 1 as in `lesson:` links. */
  readonly step?: number;
}

export type Decoded = { readonly ok: true; readonly state: UrlState } | { readonly ok: false; readonly message: string };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function encodeState(state: UrlState): string {
  const payload = { v: URL_STATE_VERSION, ...state };
  return toBase64Url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }));
}

/**
 * Inflates a slice at a time and stops as soon as the output passes MAX_STATE_BYTES, so an
 * oversized state costs no more than the limit. Undefined when over it; throws on damaged data.
 */
function inflateBounded(data: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    parts.push(chunk);
  });
  const slice = 1024;
  for (let at = 0; size <= MAX_STATE_BYTES; at += slice) {
    const final = at + slice >= data.length;
    inflater.push(data.subarray(at, at + slice), final);
    if (final) break;
  }
  if (size > MAX_STATE_BYTES) return undefined;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Turns any earlier version's payload into the current shape (none yet besides v1). */
function migrate(payload: Record<string, unknown>): Record<string, unknown> | undefined {
  return payload.v === URL_STATE_VERSION ? payload : undefined;
}

export function decodeState(encoded: string): Decoded {
  if (encoded.length > MAX_ENCODED_LENGTH) return { ok: false, message: 'This link is too long to be a Bootline link.' };
  let payload: unknown;
  try {
    const bytes = inflateBounded(fromBase64Url(encoded));
    if (!bytes) return { ok: false, message: `This link holds more than ${MAX_STATE_BYTES / 1024 / 1024} MB of state, more than a Bootline link can; the default scenario is shown instead.` };
    payload = JSON.parse(strFromU8(bytes));
  } catch {
    return { ok: false, message: 'This link is damaged (it may have been cut short); the default scenario is shown instead.' };
  }
  if (!isRecord(payload)) return { ok: false, message: 'This link does not hold a Bootline state.' };
  const version = payload.v;
  const current = migrate(payload);
  if (!current) {
    // Quoted in part: a tampered link can carry any value here.
    const shown = typeof version === 'number' ? String(version) : (JSON.stringify(version) ?? 'none').slice(0, 20);
    return { ok: false, message: `This link was made by a newer or unknown version (${shown}); the default scenario is shown instead.` };
  }
  const page = asPage(current.page);
  if (typeof current.scenario !== 'string') return { ok: false, message: 'This link has no scenario.' };
  const state: UrlState = {
    page,
    scenario: current.scenario,
    ...(typeof current.before === 'string' ? { before: current.before } : {}),
    ...(typeof current.timeUs === 'number' && current.timeUs >= 0 && current.timeUs <= Number.MAX_SAFE_INTEGER ? { timeUs: Math.round(current.timeUs) } : {}),
    ...(typeof current.view === 'string' && current.view.length < 40 ? { view: current.view } : {}),
    ...(typeof current.selected === 'number' && Number.isSafeInteger(current.selected) && current.selected >= 0 ? { selected: current.selected } : {}),
    ...(isLessonId(current.lesson) ? { lesson: current.lesson } : {}),
    ...(isStep(current.step) ? { step: current.step } : {}),
  };
  return { ok: true, state };
}

/** An unknown page name (a newer app's, or a typo) opens the playground. */
function asPage(name: unknown): Page {
  return PAGES.find((p) => p === name) ?? 'playground';
}

function isLessonId(v: unknown): v is string {
  return typeof v === 'string' && LESSON_ID.test(v);
}

function isStep(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_STEP;
}

/** The readable part of a hash: "#/lesson/03-zeroing?step=2" (the state, if any, follows as z). */
export function routeToHash(route: Route): string {
  if (route.page === 'lesson' && route.lesson !== undefined) {
    return `#/lesson/${route.lesson}${route.step !== undefined ? `?step=${route.step}` : ''}`;
  }
  if (SLIDE_PAGES.includes(route.page) && route.lesson !== undefined) {
    const step = route.step !== undefined ? String(route.step) : route.stepText;
    return `#/${route.page}/${encodeURIComponent(route.lesson)}${step !== undefined ? `?step=${encodeURIComponent(step)}` : ''}`;
  }
  return `#/${route.page}`;
}

/** The hash of a share link: "#/page?z=…", or "#/lesson/<id>?step=N&z=…" on the lesson page. */
export function stateToHash(state: UrlState): string {
  const route = routeToHash(state);
  return `${route}${route.includes('?') ? '&' : '?'}z=${encodeState(state)}`;
}

const HASH = /^#\/?([a-z-]*)(?:\/([^?]*))?(?:\?(.*))?$/;

/** Reads a hash; undefined when it holds no state (a plain visit). */
export function hashToState(hash: string): Decoded | undefined {
  const m = HASH.exec(hash);
  if (!m) return undefined;
  const z = new URLSearchParams(m[3] ?? '').get('z');
  if (!z) return undefined;
  const decoded = decodeState(z);
  if (!decoded.ok || !PAGES.some((p) => p === m[1])) return decoded;
  // The readable route wins over the state's copy of it.
  const { lesson: _stateLesson, step: _stateStep, ...rest } = decoded.state;
  return { ok: true, state: { ...rest, ...hashToRoute(hash) } };
}

/** The route a hash names, state or not; anything unknown falls back to the playground. */
export function hashToRoute(hash: string): Route {
  const m = HASH.exec(hash);
  if (!m) return { page: 'playground' };
  const page = asPage(m[1]);
  if (SLIDE_PAGES.includes(page)) return slideRoute(page, m[2], m[3]);
  if (page !== 'lesson') return { page };
  const lesson = m[2] ?? '';
  // "#/lesson" without a lesson is the list.
  if (!isLessonId(lesson)) return { page: 'lessons' };
  const stepText = new URLSearchParams(m[3] ?? '').get('step');
  const step = stepText !== null && /^[0-9]{1,2}$/.test(stepText) ? Number(stepText) : undefined;
  return { page, lesson, ...(isStep(step) ? { step } : {}) };
}

/**
 * "#/present/<id>?step=N": the lesson and step as written, checked by the page itself, which
 * knows the lessons and can name what is wrong. Without an id it is the lesson list.
 */
function slideRoute(page: Page, idText: string | undefined, query: string | undefined): Route {
  let lesson: string;
  try {
    lesson = decodeURIComponent(idText ?? '').slice(0, MAX_SLIDE_ID);
  } catch {
    lesson = (idText ?? '').slice(0, MAX_SLIDE_ID);
  }
  if (lesson === '') return { page: 'lessons' };
  const stepText = new URLSearchParams(query ?? '').get('step');
  if (stepText === null) return { page, lesson };
  const step = /^[0-9]{1,2}$/.test(stepText) ? Number(stepText) : undefined;
  return isStep(step) ? { page, lesson, step } : { page, lesson, stepText: stepText.slice(0, 20) };
}

/** The page named by a hash without state ("#/compare"), for plain navigation. */
export function hashToPage(hash: string): Page {
  return hashToRoute(hash).page;
}
