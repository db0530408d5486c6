/**
 * A step's scripted edit as the audience sees it typed: one frame per character, deleted
 * from the end of the old value backwards, then typed in order. Frames are a pure function of
 * the texts, and a fixed time per frame plays them, so the same step types the same way every
 * time; the last frame is exactly the step's scenario text (step-scenario.ts applies the sets).
 */
import { applySets } from '../../lessons/step-scenario.ts';
import type { FieldSet } from '../../lessons/types.ts';

/**
 * Milliseconds per typed character: about 12 a second, a quick typist's pace, slow enough
 * for a room to follow a short value change.
 */
export const TYPE_STEP_MS = 80;
/** Frames the caret waits at the edit before typing starts, so eyes find it first (0.48 s). */
export const LEAD_STEPS = 6;

export interface TypingFrame {
  readonly text: string;
  /** Where the caret stands after this frame (an offset into text). */
  readonly caret: number;
  /** The span being edited, [start, caret), drawn highlighted. */
  readonly start: number;
}

const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.]/.test(c);

/**
 * Characters both texts share at the start, and then at the end without overlapping, never
 * splitting a word or number: false → true is retyped whole, not "fals" → "tru" before a kept
 * "e", the way a person selects a value and types the new one.
 */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  while (prefix > 0 && isWord(a[prefix - 1]) && (isWord(a[prefix]) || isWord(b[prefix]))) prefix--;
  let suffix = 0;
  const room = Math.min(a.length, b.length) - prefix;
  while (suffix < room && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  while (suffix > 0 && isWord(a[a.length - suffix]) && (isWord(a[a.length - suffix - 1]) || isWord(b[b.length - suffix - 1]))) suffix--;
  return { prefix, suffix };
}

/**
 * Lengths of what one keystroke types: a line break with the indent after it is one stroke,
 * and so is an indent at the start of a line (an editor indents by itself); every other
 * character is one. `atLineStart`: the insertion begins a line.
 */
function strokes(inserted: string, atLineStart: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < inserted.length; ) {
    let n = 1;
    const indent = inserted[i] === '\n' || (inserted[i] === ' ' && (i === 0 ? atLineStart : inserted[i - 1] === '\n'));
    if (indent) while (inserted[i + n] === ' ') n++;
    out.push(n);
    i += n;
  }
  return out;
}

/** The frames that turn `a` into `b` by one edit in the middle. */
export function editFrames(a: string, b: string): TypingFrame[] {
  if (a === b) return [];
  const { prefix, suffix } = commonEnds(a, b);
  const head = a.slice(0, prefix);
  const tail = a.slice(a.length - suffix);
  const deleted = a.slice(prefix, a.length - suffix);
  const inserted = b.slice(prefix, b.length - suffix);
  const frames: TypingFrame[] = [];
  for (let n = deleted.length - 1; n >= 0; n--) {
    frames.push({ text: head + deleted.slice(0, n) + tail, caret: prefix + n, start: prefix });
  }
  let typed = 0;
  for (const n of strokes(inserted, prefix === 0 || a[prefix - 1] === '\n')) {
    typed += n;
    frames.push({ text: head + inserted.slice(0, typed) + tail, caret: prefix + typed, start: prefix });
  }
  return frames;
}

/**
 * The part of `b` that differs from `a`, as [start, end) offsets into b: what a finished edit
 * leaves marked. Undefined when nothing changed or the edit only deleted.
 */
export function changedRange(a: string, b: string): { start: number; end: number } | undefined {
  const { prefix, suffix } = commonEnds(a, b);
  const end = b.length - suffix;
  return end > prefix ? { start: prefix, end } : undefined;
}

/** Every frame from `from` through the step's sets, one set after the other. */
export function typingFrames(from: string, sets: readonly FieldSet[]): TypingFrame[] {
  const frames: TypingFrame[] = [];
  let text = from;
  for (const set of sets) {
    const next = applySets(text, [set]);
    frames.push(...editFrames(text, next));
    text = next;
  }
  return frames;
}

/**
 * `frames` preceded by `steps` frames of the untouched text with the caret already where the
 * first keystroke lands. The text after the caret is the same in `from` and in every frame.
 */
export function withLeadIn(from: string, frames: readonly TypingFrame[], steps = LEAD_STEPS): TypingFrame[] {
  const first = frames[0];
  if (!first) return [];
  const caret = from.length - (first.text.length - first.caret);
  const lead: TypingFrame = { text: from, caret, start: Math.min(first.start, caret) };
  return [...Array.from({ length: steps }, () => lead), ...frames];
}
