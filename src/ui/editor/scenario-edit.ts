/**
 * Editing the scenario text by path, with jsonc-parser, so comments, key order and formatting
 * the user wrote survive every edit the form or a button makes. Apart from scenario-text.ts
 * because key order comes from the JSON Schema, which only the form and the hints need.
 */
import { applyEdits, modify } from 'jsonc-parser';
import { keyOrder, type FieldPath } from './schema-fields.ts';

/** Follows the text's own indentation and line ends, so inserted lines look like their neighbours. */
function formatting(text: string) {
  const indent = /\n( +)"/.exec(text)?.[1]?.length ?? 2;
  return { insertSpaces: !/\n\t+"/.test(text), tabSize: Math.min(8, Math.max(1, indent)), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * Sets the value at `path` (undefined removes the key). New keys go where the schema orders
 * them among their siblings, not always at the end. Throws when the text's shape makes the
 * path impossible (for example "guest": 5); callers show that as a message.
 */
export function setValueAt(text: string, path: FieldPath, value: unknown): string {
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  const order = keyOrder(parent);
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const edits = modify(text, [...path], value, {
    formattingOptions: formatting(text),
    getInsertionIndex: (existing) => {
      const mine = key === undefined ? order.length : rank(key);
      const after = existing.findIndex((k) => rank(k) > mine);
      return after < 0 ? existing.length : after;
    },
  });
  return applyEdits(text, edits);
}
