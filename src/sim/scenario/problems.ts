/** Problems: a learner's mistake, returned as data with a message, a path and a source range. */

export type ScenarioPath = readonly (string | number)[];

/** A span of the scenario text. Lines and columns are 1-based, as editors show them. */
export interface SourceRange {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Problem {
  /** Errors reject the scenario; warnings are advice and the run goes ahead. */
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly path: ScenarioPath;
  /** Absent when the scenario came as a value rather than text. */
  readonly range?: SourceRange;
}

export function pathToString(path: ScenarioPath): string {
  if (path.length === 0) return 'the scenario';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Maps offsets to 1-based lines and columns. Built once per text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** Clamped to the text: a problem at its very end (a missing "}") is an empty range after the last character, never past it. */
  range(from: number, to: number): SourceRange {
    const startOffset = Math.max(0, Math.min(from, this.length));
    const endOffset = Math.max(startOffset, Math.min(to, this.length));
    const start = this.position(startOffset);
    const end = this.position(endOffset);
    return {
      startOffset,
      endOffset,
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  }
}

export function formatProblem(p: Problem, file = 'scenario'): string {
  const where = p.range ? `${file}:${p.range.startLine}:${p.range.startColumn}` : file;
  return `${where}: ${p.severity}: ${p.message}`;
}
