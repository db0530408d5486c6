/**
 * Everything a share link carries: page, scenario text, pinned "before" text, playhead,
 * view, selection. Stored in the hash as deflated, base64url JSON with a version, so old
 * links keep working through migrations and a broken link never throws.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export const URL_STATE_VERSION = 1;
/** Links longer than this are refused on decode (a tampered or runaway link). */
export const MAX_ENCODED_LENGTH = 64 * 1024;

export type Page = 'playground' | 'compare';

export interface UrlState {
  readonly page: Page;
  /** The scenario text as the user wrote it, comments included. */
  readonly scenario: string;
  /** The pinned "before" scenario for compare. */
  readonly before?: string;
  readonly timeUs?: number;
  readonly view?: string;
  readonly selected?: number;
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Turns any earlier version's payload into the current shape (none yet besides v1). */
function migrate(payload: Record<string, unknown>): Record<string, unknown> | undefined {
  return payload.v === URL_STATE_VERSION ? payload : undefined;
}

export function decodeState(encoded: string): Decoded {
  if (encoded.length > MAX_ENCODED_LENGTH) return { ok: false, message: 'This link is too long to be a Bootline link.' };
  let payload: unknown;
  try {
    payload = JSON.parse(strFromU8(inflateSync(fromBase64Url(encoded))));
  } catch {
    return { ok: false, message: 'This link is damaged (it may have been cut short); the default scenario is shown instead.' };
  }
  if (!isRecord(payload)) return { ok: false, message: 'This link does not hold a Bootline state.' };
  const version = payload.v;
  const current = migrate(payload);
  if (!current) {
    return { ok: false, message: `This link was made by a newer or unknown version (${String(version)}); the default scenario is shown instead.` };
  }
  const page = current.page === 'compare' ? 'compare' : 'playground';
  if (typeof current.scenario !== 'string') return { ok: false, message: 'This link has no scenario.' };
  const state: UrlState = {
    page,
    scenario: current.scenario,
    ...(typeof current.before === 'string' ? { before: current.before } : {}),
    ...(typeof current.timeUs === 'number' && Number.isFinite(current.timeUs) && current.timeUs >= 0 ? { timeUs: Math.round(current.timeUs) } : {}),
    ...(typeof current.view === 'string' && current.view.length < 40 ? { view: current.view } : {}),
    ...(typeof current.selected === 'number' && Number.isInteger(current.selected) ? { selected: current.selected } : {}),
  };
  return { ok: true, state };
}

/** The hash of a share link: "#/page?z=…". */
export function stateToHash(state: UrlState): string {
  return `#/${state.page}?z=${encodeState(state)}`;
}

/** Reads a hash; undefined when it holds no state (a plain visit). */
export function hashToState(hash: string): Decoded | undefined {
  const m = /^#\/?([a-z-]*)(?:\?(.*))?$/.exec(hash);
  if (!m) return undefined;
  const params = new URLSearchParams(m[2] ?? '');
  const z = params.get('z');
  if (!z) return undefined;
  return decodeState(z);
}

/** The page named by a hash without state ("#/compare"), for plain navigation. */
export function hashToPage(hash: string): Page {
  return /^#\/?compare/.test(hash) ? 'compare' : 'playground';
}
