/**
 * What the speaker window knows of the presenter window: nothing yet, following it, or lost
 * it. The presenter says its place on every change and every PRESENTER_HEARTBEAT_MS, and
 * "bye" as it closes; a window that crashes or is killed says nothing, so silence for
 * PRESENTER_SILENCE_MS counts as gone too.
 */

export const PRESENTER_HEARTBEAT_MS = 1_000;
/** Three missed beats and a half: a busy presenter (a long re-run) is not taken for a closed one. */
export const PRESENTER_SILENCE_MS = 3_500;

/** The last thing heard from the presenter and when (ms, any clock `now` also uses). */
export interface Heard {
  readonly at: number;
  readonly blank: boolean;
  /** It said "bye". */
  readonly closed: boolean;
}

export type SpeakerLink = 'waiting' | 'following' | 'blanked' | 'closed';

export function speakerLink(heard: Heard | undefined, now: number): SpeakerLink {
  if (!heard) return 'waiting';
  if (heard.closed || now - heard.at > PRESENTER_SILENCE_MS) return 'closed';
  return heard.blank ? 'blanked' : 'following';
}
