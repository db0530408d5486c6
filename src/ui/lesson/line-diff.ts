/**
 * A line diff of two scenario texts, for "Show solution": the learner's attempt against the
 * lesson's solution. Longest common subsequence over lines; scenarios are tens of lines, so
 * the quadratic table is tiny, and a bound keeps a pasted novel from freezing the page.
 */
export type DiffLine =
  | { readonly kind: 'same'; readonly text: string; readonly oldNo: number; readonly newNo: number }
  | { readonly kind: 'removed'; readonly text: string; readonly oldNo: number }
  | { readonly kind: 'added'; readonly text: string; readonly newNo: number };

/** Past this many lines on either side the diff shows everything removed then added. */
const MAX_LINES = 2_000;

function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A final newline is not an extra empty line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [...a.map((text, i) => ({ kind: 'removed' as const, text, oldNo: i + 1 })), ...b.map((text, j) => ({ kind: 'added' as const, text, newNo: j + 1 }))];
  }
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..], filled from the end.
  const w = b.length + 1;
  const lcs = new Uint16Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ai = a[i];
    const bj = b[j];
    if (ai !== undefined && bj !== undefined && ai === bj) {
      out.push({ kind: 'same', text: ai, oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (bj !== undefined && (ai === undefined || (lcs[i * w + j + 1] ?? 0) >= (lcs[(i + 1) * w + j] ?? 0))) {
      out.push({ kind: 'added', text: bj, newNo: j + 1 });
      j++;
    } else if (ai !== undefined) {
      out.push({ kind: 'removed', text: ai, oldNo: i + 1 });
      i++;
    }
  }
  // Within a run of changes, removals read first, then additions, as in a unified diff.
  return groupChanges(out);
}

function groupChanges(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const l of lines) {
    if (l.kind === 'removed') removed.push(l);
    else if (l.kind === 'added') added.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

/** How many lines differ: "3 lines changed". */
export function changeCount(lines: readonly DiffLine[]): { readonly removed: number; readonly added: number } {
  return { removed: lines.filter((l) => l.kind === 'removed').length, added: lines.filter((l) => l.kind === 'added').length };
}
