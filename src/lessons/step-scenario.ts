/**
 * The scenario text a step shows. A step's `set` edits the JSONC text in place (comments and
 * layout kept), and steps build on each other: step k shows params.jsonc with the `set`s of
 * every step up to k applied in order, starting again at the last step marked `reset`. So a
 * presenter can jump straight to any step and see the same thing every time.
 */
import { applyEdits, modify } from 'jsonc-parser';
import type { FieldSet, Step, ViewName } from './types.ts';
import { splitPath } from './scenario-paths.ts';

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } } as const;

/** Applies field sets to scenario text, adding missing groups and keys. */
export function applySets(text: string, sets: readonly FieldSet[]): string {
  let out = text;
  for (const s of sets) {
    // jsonc-parser wants a mutable value; a fresh array keeps the lesson's own readonly.
    const value = Array.isArray(s.value) ? [...s.value] : s.value;
    out = applyEdits(out, modify(out, splitPath(s.path), value, FORMAT));
  }
  return out;
}

/**
 * The view step `index` (0-based) shows: the last one a step up to it names, else `first`
 * (the lesson's first view), so a jump lands where a walk does.
 */
export function viewAtStep(steps: readonly Step[], index: number, first: ViewName): ViewName {
  const named = steps.slice(0, index + 1).flatMap((s) => (s.script.view ? [s.script.view] : []));
  return named.at(-1) ?? first;
}

/** The scenario text step `index` (0-based) shows, from the lesson's params text. */
export function scenarioTextAtStep(paramsText: string, steps: readonly Step[], index: number): string {
  let text = paramsText;
  for (const step of steps.slice(0, index + 1)) {
    if (step.script.reset) text = paramsText;
    text = applySets(text, step.script.set);
  }
  return text;
}
