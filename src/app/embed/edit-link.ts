/**
 * Links out of an embed to the full playground, carrying the same state as a share link.
 * Loaded after the first frame (see EmbedApp): the deflate code behind share links is not
 * needed to show a run.
 */
import { stateToHash } from '../url-state.ts';
import type { EmbedView } from './params.ts';

/**
 * The playground (index.html next to embed.html, so any sub-path works) showing this text,
 * view and playhead. The playground has no "none" view; it opens on its default then.
 */
export function playgroundHref(embedHref: string, text: string, view: EmbedView, timeUs: number | undefined): string {
  const base = new URL('./', embedHref).href;
  const hash = stateToHash({
    page: 'playground',
    scenario: text,
    ...(view !== 'none' ? { view } : {}),
    ...(timeUs !== undefined ? { timeUs } : {}),
  });
  return `${base}${hash}`;
}
