/**
 * Finds code that turns a string into code at run time: `eval`, the `Function` constructor
 * (called, constructed, or taken into a variable to be constructed later, as some libraries
 * do to probe for it), and `setTimeout`/`setInterval` given a string. The site's
 * Content-Security-Policy has no 'unsafe-eval', so any of these on a path the page runs is
 * either a broken feature or a hole; the scan runs over our sources and over the build.
 * Matching is textual and conservative: names that merely contain the words
 * (`invokeFunction(`, `evaluateGoals(`, `typeof Function`) are not hits.
 */
export interface DynamicCodeHit {
  readonly rule: string;
  /** 1-based line of the match in the scanned text. */
  readonly line: number;
  /** The match with some text either side, for the failure message. */
  readonly excerpt: string;
}

const RULES: readonly { readonly rule: string; readonly pattern: RegExp }[] = [
  // `eval(…)`, `window.eval(…)`, `(0, eval)(…)`: the identifier, not a longer name.
  { rule: 'eval', pattern: /(?<![\w$])eval\s*(?:\(|\))/g },
  { rule: 'new Function', pattern: /\bnew\s+Function\s*\(/g },
  // `Function("…")` without new: not preceded by a dot (`x.invokeFunction(`) or a name character.
  { rule: 'Function()', pattern: /(?<![\w$.])Function\s*\(/g },
  // `const F = Function; new F("")`: the constructor taken into a variable or an argument.
  { rule: 'Function alias', pattern: /(?:(?<![=!<>])=(?!=)|[(,:]|\breturn\s)\s*Function\s*(?=[;,)}\n])/g },
  // `(() => {}).constructor("…")`: the Function constructor reached through any function.
  { rule: 'constructor("…")', pattern: /\.constructor\s*\(\s*["'`]/g },
  { rule: 'string timer', pattern: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g },
];

export function findDynamicCode(text: string): DynamicCodeHit[] {
  const hits: DynamicCodeHit[] = [];
  for (const { rule, pattern } of RULES) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index;
      const line = text.slice(0, at).split('\n').length;
      hits.push({ rule, line, excerpt: text.slice(Math.max(0, at - 60), at + m[0].length + 60).replace(/\s+/g, ' ') });
    }
  }
  return hits;
}
