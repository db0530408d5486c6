/**
 * What the presenter window and its speaker window tell each other over a BroadcastChannel.
 * Anything can post on a channel of the same origin (another tab, an older build), so every
 * message is checked for shape before it is believed; one that does not fit is ignored.
 */

export const SYNC_VERSION = 1;

export type SyncMessage =
  /**
   * The presenter's place, sent on every change, in answer to "hello", and every second
   * besides, so a speaker window can tell a quiet presenter from a gone one. Steps are 1-based.
   */
  | { readonly type: 'state'; readonly lesson: string; readonly step: number; readonly steps: number; readonly blank: boolean; readonly playing: boolean }
  /** From the presenter, as its window closes or leaves the slides. */
  | { readonly type: 'bye'; readonly lesson: string }
  /** From the speaker window: go to this step (1-based). */
  | { readonly type: 'go'; readonly lesson: string; readonly step: number }
  /** From a speaker window that just opened: say where you are. */
  | { readonly type: 'hello'; readonly lesson: string }
  /** From the speaker window: mark this scenario key's line for the audience. */
  | { readonly type: 'mark'; readonly lesson: string; readonly key: string };

/** Envelope that marks a message as ours and of this version. */
interface Envelope {
  readonly app: 'bootline';
  readonly v: number;
}

export type SyncEnvelope = Envelope & SyncMessage;

/**
 * The channel's name: the app and the path it is served from, so two copies of Bootline on
 * one origin (a docs site with two versions) never steer each other.
 */
export function channelName(pathname: string): string {
  return `bootline.present:${pathname}`;
}

export function wrap(message: SyncMessage): SyncEnvelope {
  return { app: 'bootline', v: SYNC_VERSION, ...message };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStep = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 99;
const isLesson = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 80;
/** A dotted scenario key as prose names it ("host.freePool.prezeroedShare"). */
const isKey = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+){0,8}$/.test(v) && v.length <= 120;

/** The message inside `data`, or undefined when it is not one of ours in this version. */
export function readSyncMessage(data: unknown): SyncMessage | undefined {
  if (!isRecord(data) || data.app !== 'bootline' || data.v !== SYNC_VERSION || !isLesson(data.lesson)) return undefined;
  const lesson = data.lesson;
  switch (data.type) {
    case 'state':
      if (!isStep(data.step) || !isStep(data.steps) || data.step > data.steps) return undefined;
      if (typeof data.blank !== 'boolean' || typeof data.playing !== 'boolean') return undefined;
      return { type: 'state', lesson, step: data.step, steps: data.steps, blank: data.blank, playing: data.playing };
    case 'go':
      return isStep(data.step) ? { type: 'go', lesson, step: data.step } : undefined;
    case 'hello':
      return { type: 'hello', lesson };
    case 'bye':
      return { type: 'bye', lesson };
    case 'mark':
      return isKey(data.key) ? { type: 'mark', lesson, key: data.key } : undefined;
    default:
      return undefined;
  }
}
