/**
 * Scenario text (JSONC) to a resolved Scenario, or to problems with source ranges.
 * Never throws on user input: arbitrary text gives problems.
 */
// The parser and scanner files, not the package's main module: that one also carries the
// formatter and the editing functions, which the embed's first frame never calls. Node and
// the tests load these CommonJS files; the app build swaps in the same files' ES module
// build (vite.config.ts, resolve.alias), so the playground's editor shares them.
import { findNodeAtLocation, getNodeValue, parseTree, stripComments } from 'jsonc-parser/lib/umd/impl/parser.js';
import { createScanner } from 'jsonc-parser/lib/umd/impl/scanner.js';
import type { Node, ParseError, SyntaxKind } from 'jsonc-parser';
import { scenarioSchema, type ScenarioInput } from './schema.ts';
import { resolveScenario, type Scenario } from './resolve.ts';
import { LineIndex, type Problem, type ScenarioPath } from './problems.ts';
import { issueMessage, shortText } from './messages.ts';
import { allowedKeys, fieldUnit } from './schema-walk.ts';
import { scenarioAdvice } from './warnings.ts';

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly input: ScenarioInput; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** jsonc-parser's ParseErrorCode names, indexed by value (a const enum, which isolated modules cannot read by name). */
const SYNTAX_CODES = [
  undefined, 'InvalidSymbol', 'InvalidNumberFormat', 'PropertyNameExpected', 'ValueExpected', 'ColonExpected', 'CommaExpected',
  'CloseBraceExpected', 'CloseBracketExpected', 'EndOfFileExpected', 'InvalidCommentToken', 'UnexpectedEndOfComment',
  'UnexpectedEndOfString', 'UnexpectedEndOfNumber', 'InvalidUnicode', 'InvalidEscapeCharacter', 'InvalidCharacter',
] as const;
type SyntaxCode = NonNullable<(typeof SYNTAX_CODES)[number]>;

const SYNTAX_MESSAGES: Partial<Record<SyntaxCode, string>> = {
  InvalidSymbol: 'Unexpected character here.',
  InvalidNumberFormat: 'This number is not written the way JSON allows.',
  PropertyNameExpected: 'A key in double quotes is expected here.',
  ValueExpected: 'A value is expected here.',
  ColonExpected: 'A colon ":" is expected after the key.',
  CommaExpected: 'A comma is expected between entries.',
  CloseBraceExpected: 'A closing brace "}" is missing.',
  CloseBracketExpected: 'A closing bracket "]" is missing.',
  EndOfFileExpected: 'Text after the end of the scenario object.',
  InvalidCommentToken: 'This comment is not closed or not valid.',
  UnexpectedEndOfComment: 'A /* comment is not closed with */.',
  UnexpectedEndOfString: 'A string is missing its closing double quote.',
  UnexpectedEndOfNumber: 'A number ends too early.',
  InvalidUnicode: 'Invalid \\u escape in a string.',
  InvalidEscapeCharacter: 'Invalid escape in a string.',
  InvalidCharacter: 'Invalid character in a string.',
};

function syntaxMessage(error: ParseError, text: string): string {
  const code: SyntaxCode | undefined = SYNTAX_CODES[error.error];
  const token = text.slice(error.offset, error.offset + Math.max(error.length, 1));
  const word = /^[A-Za-z_+-][A-Za-z0-9_]*/.exec(text.slice(error.offset))?.[0] ?? token;
  if (/^[+-]?(NaN|Infinity)$/.test(word)) return `${word} is not a number JSON can hold; write a number such as 256.`;
  if (code === 'InvalidSymbol' && /^'/.test(token)) return 'Strings need double quotes ("…"), not single quotes.';
  if (code === 'InvalidSymbol' && /^[A-Za-z_]/.test(word)) {
    return `Unexpected word "${shortText(word)}": keys and text need double quotes, and true, false and numbers are written bare.`;
  }
  return (code && SYNTAX_MESSAGES[code]) ?? 'The text is not valid JSON here.';
}

function keyNode(root: Node, path: ScenarioPath, key: string): Node | undefined {
  const obj = findNodeAtLocation(root, [...path]);
  return obj?.children?.find((prop) => prop.children?.[0]?.value === key)?.children?.[0];
}

function rangeOf(lines: LineIndex, node: Node | undefined, fallback: Node): ReturnType<LineIndex['range']> {
  const n = node ?? fallback;
  return lines.range(n.offset, n.offset + n.length);
}

/** Closest node that exists along the path, so a problem is always placed somewhere. */
function nearestNode(root: Node, path: ScenarioPath): Node {
  for (let len = path.length; len >= 0; len--) {
    const node = findNodeAtLocation(root, [...path.slice(0, len)]);
    if (node) return node;
  }
  return root;
}

function duplicateKeyWarnings(root: Node, lines: LineIndex, path: (string | number)[] = []): Problem[] {
  const out: Problem[] = [];
  if (root.type !== 'object') return out;
  const seen = new Set<string>();
  for (const prop of root.children ?? []) {
    const k = prop.children?.[0];
    const v = prop.children?.[1];
    if (!k || typeof k.value !== 'string') continue;
    if (seen.has(k.value)) {
      out.push({
        severity: 'warning',
        message: `"${k.value}" appears twice here; the last one wins.`,
        path: [...path, k.value],
        range: lines.range(k.offset, k.offset + k.length),
      });
    }
    seen.add(k.value);
    if (v) out.push(...duplicateKeyWarnings(v, lines, [...path, k.value]));
  }
  return out;
}

/**
 * Deepest nesting read. A scenario is three levels deep; the JSON parser recurses once per
 * level, so a text of thousands of "[" would overflow the stack instead of getting a problem.
 */
const MAX_NESTING = 64;
// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read by name.
const OPEN: readonly SyntaxKind[] = [1, 3];
const CLOSE: readonly SyntaxKind[] = [2, 4];
const EOF: SyntaxKind = 17;

/** Offset of the first "{" or "[" nested deeper than MAX_NESTING, found without recursion. */
function tooDeepAt(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (OPEN.includes(kind) && ++depth > MAX_NESTING) return scanner.getTokenOffset();
    if (CLOSE.includes(kind)) depth--;
  }
  return undefined;
}

export function parseScenarioText(text: string): ParseResult {
  const lines = new LineIndex(text);
  if (stripComments(text).trim() === '') {
    return {
      ok: false,
      problems: [{ severity: 'error', message: 'The scenario is empty; write { } to run the defaults.', path: [], range: lines.range(0, 0) }],
    };
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    return {
      ok: false,
      problems: [{ severity: 'error', message: `Nested more than ${MAX_NESTING} levels deep here; a scenario is at most three levels deep.`, path: [], range: lines.range(deep, deep + 1) }],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    return {
      ok: false,
      problems: errors.slice(0, 20).map((e) => ({
        severity: 'error',
        message: syntaxMessage(e, text),
        path: [],
        range: lines.range(e.offset, e.offset + Math.max(e.length, 1)),
      })),
    };
  }
  if (!root) {
    return {
      ok: false,
      problems: [{ severity: 'error', message: 'The scenario is empty; write { } to run the defaults.', path: [], range: lines.range(0, 0) }],
    };
  }
  const value: unknown = getNodeValue(root);
  const result = validateScenarioValue(value, (path, key) =>
    key === undefined ? rangeOf(lines, findNodeAtLocation(root, [...path]), nearestNode(root, path))
      : rangeOf(lines, keyNode(root, path, key), nearestNode(root, path)),
  );
  if (!result.ok) return result;
  return { ...result, warnings: [...duplicateKeyWarnings(root, lines), ...result.warnings] };
}

type Locate = (path: ScenarioPath, key?: string) => ReturnType<LineIndex['range']> | undefined;

/** Validates a value (from text, a share link or a lesson) against the schema. */
export function validateScenarioValue(value: unknown, locate: Locate = () => undefined): ParseResult {
  const parsed = scenarioSchema.safeParse(value);
  if (!parsed.success) {
    const problems: Problem[] = [];
    for (const issue of parsed.error.issues) {
      const path: ScenarioPath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const message = issueMessage({ ...issue, keys: [key] }, path, { value: undefined, allowedKeys: allowedKeys(path) });
          problems.push(withRange({ severity: 'error', message, path: [...path, key] }, locate(path, key)));
        }
        continue;
      }
      const unit = fieldUnit(path);
      const message = issueMessage(issue, path, unit === undefined ? { value: valueAt(value, path) } : { value: valueAt(value, path), unit });
      problems.push(withRange({ severity: 'error', message, path }, locate(path)));
    }
    return { ok: false, problems };
  }
  const input = parsed.data;
  const scenario = resolveScenario(input);
  const warnings = scenarioAdvice(input, scenario).map((a) =>
    withRange({ severity: 'warning', message: a.message, path: a.path }, locate(a.path)),
  );
  return { ok: true, scenario, input, warnings };
}

function withRange(p: Problem, range: Problem['range']): Problem {
  return range ? { ...p, range } : p;
}

function valueAt(value: unknown, path: ScenarioPath): unknown {
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}
