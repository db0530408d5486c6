/**
 * The presenter's keys, as one table that both reads key presses and draws the "?" sheet, so
 * the two never disagree. Presentation clickers send PageDown / PageUp (some also "b" or "."
 * for a blank screen), so those work as in slide software. Space moves on like a clicker's
 * button; playing the run has its own key (K), since the timeline is not focused here.
 */

export type PresenterAction =
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'first' }
  | { readonly type: 'last' }
  /** 1-based, as typed. */
  | { readonly type: 'go'; readonly step: number }
  | { readonly type: 'play' }
  | { readonly type: 'faster' }
  | { readonly type: 'slower' }
  | { readonly type: 'fullscreen' }
  | { readonly type: 'blank' }
  | { readonly type: 'instant' }
  | { readonly type: 'edit' }
  | { readonly type: 'theme' }
  | { readonly type: 'speaker' }
  | { readonly type: 'help' }
  | { readonly type: 'leave' };

type SimpleAction = Exclude<PresenterAction, { type: 'go' }>['type'];

export interface Binding {
  /** KeyboardEvent.key values. */
  readonly keys: readonly string[];
  /** How the sheet shows them. */
  readonly caps: readonly string[];
  readonly action: SimpleAction;
  readonly what: string;
}

export const BINDINGS: readonly Binding[] = [
  { keys: ['ArrowRight', 'PageDown', ' ', 'n', 'N'], caps: ['→', 'PgDn', 'Space', 'N'], action: 'next', what: 'Next step' },
  { keys: ['ArrowLeft', 'PageUp', 'p', 'P'], caps: ['←', 'PgUp', 'P'], action: 'previous', what: 'Previous step' },
  { keys: ['Home'], caps: ['Home'], action: 'first', what: 'First step' },
  { keys: ['End'], caps: ['End'], action: 'last', what: 'Last step' },
  { keys: ['k', 'K'], caps: ['K'], action: 'play', what: 'Play or pause the run' },
  { keys: ['+', '=', ']'], caps: ['+', ']'], action: 'faster', what: 'Play faster' },
  { keys: ['-', '_', '['], caps: ['−', '['], action: 'slower', what: 'Play slower' },
  { keys: ['f', 'F'], caps: ['F'], action: 'fullscreen', what: 'Full screen on or off' },
  { keys: ['b', 'B', '.'], caps: ['B', '.'], action: 'blank', what: 'Blank the screen, or bring it back' },
  { keys: ['i', 'I'], caps: ['I'], action: 'instant', what: 'Edits appear at once, or are typed out' },
  { keys: ['e', 'E'], caps: ['E'], action: 'edit', what: 'Edit the scenario live (Esc to stop)' },
  { keys: ['t', 'T'], caps: ['T'], action: 'theme', what: 'Light or dark (light reads best on a projector)' },
  { keys: ['s', 'S'], caps: ['S'], action: 'speaker', what: 'Open the speaker window' },
  { keys: ['?'], caps: ['?'], action: 'help', what: 'Show or hide these keys' },
  { keys: ['Escape'], caps: ['Esc'], action: 'leave', what: 'Close this sheet, drop typed digits, or leave' },
];

/** Digits typed so far for "jump to step N", then what the key does. */
export interface KeyRead {
  readonly digits: string;
  readonly action?: PresenterAction;
}

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** Step numbers have at most two digits (url-state.ts allows 1 to 99). */
const MAX_DIGITS = 2;

/**
 * Reads one key press. Digits build up a step number that Enter jumps to; Escape drops them
 * before it means "leave"; a key that does something else drops them. Keys with Ctrl, Cmd or Alt belong to
 * the browser (Ctrl+R, Cmd+F) and are left alone.
 */
export function readKey(digits: string, e: KeyInput): KeyRead {
  if (e.ctrlKey || e.metaKey || e.altKey) return { digits };
  if (/^[0-9]$/.test(e.key)) return { digits: (digits + e.key).slice(-MAX_DIGITS) };
  if (e.key === 'Enter') {
    const step = Number(digits);
    return digits !== '' && step >= 1 ? { digits: '', action: { type: 'go', step } } : { digits: '' };
  }
  if (e.key === 'Escape' && digits !== '') return { digits: '' };
  const binding = BINDINGS.find((b) => b.keys.includes(e.key));
  return binding ? { digits: '', action: { type: binding.action } } : { digits };
}

/** Keys go to what the user is typing in, never to the presenter. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor') !== null;
}
