/**
 * A strict parser for the small YAML subset lesson files use: block mappings, block
 * sequences, one-line flow lists of scalars ([a, 1, "b"]), plain / quoted scalars, `>` and
 * `|` block text, and comments. Every document it accepts means the same in real YAML;
 * everything else (anchors, tags, null, flow mappings, tabs) is refused with a line number,
 * so a trainer never gets a silent surprise. Positions of keys and items are kept so schema
 * errors can point at a line too.
 */

export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

export interface YamlPosition {
  /** 1-based, in the file the text came from (lineOffset applied). */
  readonly line: number;
  readonly column: number;
}

export interface YamlError extends YamlPosition {
  readonly message: string;
  /** The key or item being read when it failed ("goals[1].max"), so a message can name it. */
  readonly path: YamlPath;
}

export type YamlResult =
  | { readonly ok: true; readonly value: YamlValue; readonly positions: ReadonlyMap<string, YamlPosition> }
  | { readonly ok: false; readonly error: YamlError };

export type YamlPath = readonly (string | number)[];

/** "goals[1].max", and set["guest.ramGiB"] for keys that are not plain words. */
export function pathKey(path: YamlPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

interface Line {
  /** 1-based line in the file. */
  readonly no: number;
  readonly indent: number;
  /** Text after the indentation. */
  readonly text: string;
  /** The whole line, for block scalars. */
  readonly raw: string;
  /** A "# …" line: skipped, except inside block text where it is text. */
  readonly comment: boolean;
}

class Fail extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const PLAIN_KEY = /^([A-Za-z0-9_$][\w$.\-/]*)\s*:(\s|$)/;
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(\s|$)/;

class Parser {
  private i = 0;
  readonly positions = new Map<string, YamlPosition>();
  /** The key or item being read: where an error is. */
  at: YamlPath = [];

  // Mutable: "- key: value" items are rewritten in place as mapping lines.
  constructor(private readonly lines: Line[]) {}

  parseDocument(): YamlValue {
    const first = this.peek();
    if (!first) return {};
    if (first.indent !== 0) throw new Fail(first.no, 1, 'The first line must not be indented.');
    const value = this.parseBlock(0, []);
    const rest = this.peek();
    if (rest) throw new Fail(rest.no, rest.indent + 1, 'This line is indented differently from the lines above it.');
    return value;
  }

  /** The next non-blank line; blank lines matter only inside block text. */
  private peek(): Line | undefined {
    for (let l = this.lines[this.i]; l && (l.text === '' || l.comment); l = this.lines[this.i]) this.i++;
    return this.lines[this.i];
  }

  private isItem(line: Line): boolean {
    return line.text === '-' || line.text.startsWith('- ');
  }

  private parseBlock(indent: number, path: YamlPath): YamlValue {
    const line = this.peek();
    if (!line) throw new Fail(this.lines[this.lines.length - 1]?.no ?? 1, 1, 'A value is missing at the end.');
    return this.isItem(line) ? this.parseSequence(indent, path) : this.parseMapping(indent, path);
  }

  private parseMapping(indent: number, path: YamlPath): YamlValue {
    const out: Record<string, YamlValue> = {};
    for (let line = this.peek(); line && line.indent === indent && !this.isItem(line); line = this.peek()) {
      this.at = path;
      const m = QUOTED_KEY.exec(line.text) ?? PLAIN_KEY.exec(line.text);
      if (!m || m[1] === undefined) {
        throw new Fail(line.no, indent + 1, 'Expected "key: value" here (keys are words; put other keys in quotes).');
      }
      const key = m[1].startsWith('"') || m[1].startsWith("'") ? quoted(m[1], line.no, indent + 1) : m[1];
      if (Object.hasOwn(out, key)) throw new Fail(line.no, indent + 1, `"${key}" appears twice.`);
      const keyPath = [...path, key];
      this.at = keyPath;
      this.positions.set(pathKey(keyPath), { line: line.no, column: indent + 1 });
      const restColumn = indent + m[0].length + 1;
      const rest = line.text.slice(m[0].length).trim();
      this.i++;
      out[key] = this.parseValueAfterIndicator(rest, indent, keyPath, line.no, restColumn);
    }
    return out;
  }

  private parseSequence(indent: number, path: YamlPath): YamlValue {
    const out: YamlValue[] = [];
    for (let line = this.peek(); line && line.indent === indent && this.isItem(line); line = this.peek()) {
      const itemPath = [...path, out.length];
      this.at = itemPath;
      this.positions.set(pathKey(itemPath), { line: line.no, column: indent + 1 });
      const rest = line.text.slice(1).trimStart();
      const restIndent = indent + (line.text.length - rest.length);
      if (rest !== '' && (QUOTED_KEY.test(rest) || PLAIN_KEY.test(rest))) {
        // "- key: value" opens a mapping whose keys sit at the column after "- ".
        this.lines.splice(this.i, 1, { ...line, indent: restIndent, text: rest });
        out.push(this.parseMapping(restIndent, itemPath));
        continue;
      }
      this.i++;
      out.push(this.parseValueAfterIndicator(rest, indent, itemPath, line.no, restIndent + 1));
    }
    return out;
  }

  /** The value after "key:" or "- ": inline, a block scalar, or a nested block. */
  private parseValueAfterIndicator(rest: string, indent: number, path: YamlPath, lineNo: number, column: number): YamlValue {
    const text = stripComment(rest);
    if (text === '') {
      const next = this.peek();
      // A sequence may sit at the same indentation as its key, as YAML allows.
      if (next && (next.indent > indent || (next.indent === indent && this.isItem(next) && typeof path[path.length - 1] === 'string'))) {
        // Text starting on the next line is a plain scalar, as in YAML.
        if (next.indent > indent && !this.isItem(next) && !PLAIN_KEY.test(next.text) && !QUOTED_KEY.test(next.text)) {
          this.i++;
          return this.parseValueAfterIndicator(next.text, indent, path, next.no, next.indent + 1);
        }
        return this.parseBlock(next.indent, path);
      }
      throw new Fail(lineNo, column, 'A value is missing here (YAML would read it as null; leave the key out instead).');
    }
    if (/^[|>][-+]?$/.test(text)) return this.blockScalar(text, indent, lineNo);
    if (text.startsWith('[')) return flowList(text, lineNo, column);
    if (text.startsWith('{')) throw new Fail(lineNo, column, 'Write this mapping as indented "key: value" lines instead of { … }.');
    // A plain scalar may continue on more-indented lines (folded with spaces).
    let value = text;
    for (let next = this.peek(); next && next.indent > indent && !text.startsWith('"') && !text.startsWith("'"); next = this.peek()) {
      if (this.isItem(next) || PLAIN_KEY.test(next.text)) throw new Fail(next.no, next.indent + 1, 'This line is indented more than it should be.');
      value += ` ${stripComment(next.text)}`;
      this.i++;
    }
    return scalar(value, lineNo, column);
  }

  private blockScalar(indicator: string, indent: number, lineNo: number): string {
    const body: string[] = [];
    let blockIndent: number | undefined;
    for (let next = this.lines[this.i]; next && (next.indent > indent || next.text === ''); next = this.lines[this.i]) {
      if (next.text !== '') blockIndent ??= next.indent;
      if (blockIndent !== undefined && next.text !== '' && next.indent < blockIndent) {
        throw new Fail(next.no, next.indent + 1, 'Block text lines must all start at the same column or further right.');
      }
      body.push(blockIndent === undefined || next.text === '' ? '' : next.raw.slice(blockIndent));
      this.i++;
    }
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    if (body.length === 0) throw new Fail(lineNo, indent + 1, `The text after "${indicator}" is empty.`);
    if (indicator.startsWith('|')) return body.join('\n');
    // Folded: single line breaks become spaces, blank lines become line breaks.
    return body.reduce((acc, l, k) => (k === 0 ? l : l === '' ? `${acc}\n` : acc.endsWith('\n') ? acc + l : `${acc} ${l}`), '');
  }
}

function stripComment(text: string): string {
  if (text.startsWith('#')) return '';
  if (text.startsWith('"') || text.startsWith("'") || text.startsWith('[')) return text.trim();
  const k = text.search(/\s#/);
  return (k >= 0 ? text.slice(0, k) : text).trim();
}

function quoted(text: string, line: number, column: number): string {
  if (text.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(text)) throw new Fail(line, column, 'A single-quoted text is not closed, or has text after the closing quote.');
    return text.slice(1, -1).replace(/''/g, "'");
  }
  const m = /^"(?:[^"\\]|\\.)*"/.exec(text);
  if (!m || m[0].length !== text.length) throw new Fail(line, column, 'A double-quoted text is not closed, or has text after the closing quote.');
  try {
    const v: unknown = JSON.parse(m[0]);
    if (typeof v === 'string') return v;
  } catch {
    // Falls through to the message below: YAML escapes beyond JSON's are not in the subset.
  }
  throw new Fail(line, column, 'This double-quoted text has an escape the subset does not know (use \\", \\\\, \\n or \\uXXXX).');
}

function scalar(raw: string, line: number, column: number): YamlValue {
  const text = stripComment(raw);
  if (text.startsWith('"') || text.startsWith("'")) {
    const end = text.startsWith('"') ? /^"(?:[^"\\]|\\.)*"/.exec(text) : /^'(?:[^']|'')*'/.exec(text);
    const body = end?.[0] ?? text;
    if (stripComment(text.slice(body.length)) !== '') throw new Fail(line, column, 'Text after a closing quote: put the whole value in the quotes.');
    return quoted(body, line, column);
  }
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null' || text === '~') throw new Fail(line, column, 'null is not supported: leave the key out instead.');
  if (NUMBER.test(text)) return Number(text);
  // Real YAML reads these as numbers in other notations: refuse rather than disagree.
  if (/^[-+]?(0x[0-9a-fA-F]+|0o[0-7]+|\.(inf|Inf|INF|nan|NaN|NAN))$/.test(text)) {
    throw new Fail(line, column, `Write ${text} as a decimal number, or in quotes if it is text.`);
  }
  if (/^[&*!%@`|>{}[\]?,]/.test(text)) throw new Fail(line, column, `A value cannot start with "${text[0]}" unless it is in quotes.`);
  if (/:(\s|$)/.test(text)) throw new Fail(line, column, 'A colon followed by a space inside a value: put the value in double quotes.');
  return text;
}

function flowList(text: string, line: number, column: number): YamlValue[] {
  if (!text.endsWith(']')) throw new Fail(line, column, 'A [ … ] list must close on the same line.');
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  const items: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let k = 0; k < inner.length; k++) {
    const ch = inner[k] ?? '';
    if (quote) {
      cur += ch;
      if (ch === '\\' && quote === '"') cur += inner[++k] ?? '';
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ',') {
      items.push(cur);
      cur = '';
    } else if (ch === '[' || ch === '{') {
      throw new Fail(line, column, 'Lists inside [ … ] are not supported: write one "- item" per line.');
    } else {
      cur += ch;
    }
  }
  items.push(cur);
  return items.map((item) => {
    const t = item.trim();
    if (t === '') throw new Fail(line, column, 'An empty item in a [ … ] list (two commas in a row, or a trailing comma).');
    return scalar(t, line, column);
  });
}

/** Parses `text`; `lineOffset` is the file line just before the text's first line. */
export function parseYamlLite(text: string, lineOffset = 0): YamlResult {
  const lines: Line[] = [];
  const rawLines = text.split(/\r?\n/);
  for (let k = 0; k < rawLines.length; k++) {
    const raw = rawLines[k] ?? '';
    const no = k + 1 + lineOffset;
    const indentText = /^[ \t]*/.exec(raw)?.[0] ?? '';
    if (indentText.includes('\t')) return { ok: false, error: { line: no, column: indentText.indexOf('\t') + 1, path: [], message: 'A tab in the indentation: indent with spaces.' } };
    const body = raw.slice(indentText.length).trimEnd();
    // Blank and comment lines stay for block text; peek() skips them everywhere else.
    lines.push({ no, indent: indentText.length, text: body, raw, comment: body.startsWith('#') });
  }
  const parser = new Parser(lines);
  try {
    const value = parser.parseDocument();
    return { ok: true, value, positions: parser.positions };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, error: { line: err.line, column: err.column, path: parser.at, message: err.message } };
    throw err;
  }
}
