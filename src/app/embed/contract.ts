/**
 * The embed's postMessage contract with its host page (docs/embedding.md), as pure functions:
 * message shapes, their validation, and the origin rule. Pure so that both sides (the embed,
 * and hosts written in TypeScript) and the unit tests share one definition.
 *
 * Rules: every message is an object with a `bootline:` type and a version. The embed posts
 * only to the one origin it was given in `parent` (never '*'), and takes a message only when
 * it comes from its parent window, from that origin, and has a valid shape. Anything else is
 * ignored without a word: a page may carry other scripts' messages.
 */
import type { Measures } from '../../sim/analysis/measures.ts';

/** Bumped only on a change a host written for the previous version would misread. */
export const CONTRACT_VERSION = 1;

export type HostTheme = 'light' | 'dark' | 'auto';
const HOST_THEMES: readonly HostTheme[] = ['light', 'dark', 'auto'];

/** Host -> embed. */
export type HostMessage =
  | { readonly type: 'bootline:hello'; readonly version: 1 }
  | { readonly type: 'bootline:theme'; readonly version: 1; readonly theme: HostTheme }
  | { readonly type: 'bootline:play'; readonly version: 1 }
  | { readonly type: 'bootline:pause'; readonly version: 1 };

/** Embed -> host. `id` is the embed's `id` parameter, so one page can tell several apart. */
export type EmbedMessage =
  | { readonly type: 'bootline:ready'; readonly version: 1; readonly id: string; readonly height: number }
  | { readonly type: 'bootline:resize'; readonly version: 1; readonly id: string; readonly height: number }
  | {
      readonly type: 'bootline:state';
      readonly version: 1;
      readonly id: string;
      readonly measures: Measures;
      readonly playing: boolean;
    };

/** Heights outside this range are a bug or a hostile message, never a layout (px). */
export const MAX_HEIGHT_PX = 20_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHeight = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_HEIGHT_PX;
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** An embed id: short and plain, since it travels in a URL and back in every message. */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A host message with a valid shape, or undefined. */
export function readHostMessage(data: unknown): HostMessage | undefined {
  if (!isRecord(data) || data.version !== CONTRACT_VERSION) return undefined;
  switch (data.type) {
    case 'bootline:hello':
    case 'bootline:play':
    case 'bootline:pause':
      return { type: data.type, version: 1 };
    case 'bootline:theme': {
      const theme = HOST_THEMES.find((t) => t === data.theme);
      return theme ? { type: 'bootline:theme', version: 1, theme } : undefined;
    }
    default:
      return undefined;
  }
}

/** An embed message with a valid shape, or undefined (for hosts, and for tests). */
export function readEmbedMessage(data: unknown): EmbedMessage | undefined {
  if (!isRecord(data) || data.version !== CONTRACT_VERSION) return undefined;
  const id = data.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return undefined;
  switch (data.type) {
    case 'bootline:ready':
    case 'bootline:resize':
      return isHeight(data.height) ? { type: data.type, version: 1, id, height: data.height } : undefined;
    case 'bootline:state': {
      const m = data.measures;
      if (!isRecord(m) || !isMs(m.vmCreationMs) || !isMs(m.vmInitializationMs) || !isMs(m.biosExecutionMs)) return undefined;
      if (typeof data.playing !== 'boolean') return undefined;
      const measures = { vmCreationMs: m.vmCreationMs, vmInitializationMs: m.vmInitializationMs, biosExecutionMs: m.biosExecutionMs };
      return { type: 'bootline:state', version: 1, id, measures, playing: data.playing };
    }
    default:
      return undefined;
  }
}

/** What the embed knows about the one window it may talk to. */
export interface Peer {
  readonly origin: string;
  readonly window: unknown;
}

/** The parts of a MessageEvent the origin rule looks at. */
export interface Incoming {
  readonly origin: string;
  readonly source: unknown;
  readonly data: unknown;
}

/**
 * The embed's gate: a message is taken only from its parent window, from the origin it was
 * given, with a valid shape. Without a peer (no `parent` parameter) nothing is taken.
 */
export function acceptHostMessage(event: Incoming, peer: Peer | undefined): HostMessage | undefined {
  if (!peer || event.origin !== peer.origin || event.source !== peer.window) return undefined;
  return readHostMessage(event.data);
}

/**
 * The origin in a `parent` parameter, or undefined when it is not exactly an http(s) origin
 * ("https://docs.example.com", no path, no '*'): a path or a wildcard would widen who may
 * listen, so they are refused rather than trimmed. One trailing slash is tolerated.
 */
export function parseOrigin(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const candidate = text.endsWith('/') ? text.slice(0, -1) : text;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === candidate ? url.origin : undefined;
}

export const readyMessage = (id: string, height: number): EmbedMessage => ({ type: 'bootline:ready', version: 1, id, height });
export const resizeMessage = (id: string, height: number): EmbedMessage => ({ type: 'bootline:resize', version: 1, id, height });
export const stateMessage = (id: string, measures: Measures, playing: boolean): EmbedMessage => ({
  type: 'bootline:state',
  version: 1,
  id,
  measures: { vmCreationMs: measures.vmCreationMs, vmInitializationMs: measures.vmInitializationMs, biosExecutionMs: measures.biosExecutionMs },
  playing,
});
