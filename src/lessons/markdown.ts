/**
 * lesson.md's layout: a `---` frontmatter block, then one step per `## ` heading. A step may
 * hold one fenced ```step block that scripts the page; it is cut from the step's prose.
 * No markdown is rendered here: the page does that from each step's markdown text.
 */

export interface RawStep {
  readonly title: string;
  /** 1-based line of the `## ` heading. */
  readonly line: number;
  /** The step's prose, without the heading and the ```step block. */
  readonly markdown: string;
  /** Text of the ```step block and the file line just before its first line. */
  readonly script?: { readonly text: string; readonly lineOffset: number };
}

export interface SplitProblem {
  readonly line: number;
  readonly message: string;
}

export type SplitResult =
  | { readonly ok: true; readonly frontmatter: string; readonly frontmatterLineOffset: number; readonly steps: readonly RawStep[]; readonly warnings: readonly SplitProblem[] }
  | { readonly ok: false; readonly problems: readonly SplitProblem[] };

const FENCE = /^(```|~~~)/;

export function splitLessonMarkdown(text: string): SplitResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return { ok: false, problems: [{ line: 1, message: 'must start with a "---" line that opens the frontmatter.' }] };
  }
  const close = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
  if (close < 0) return { ok: false, problems: [{ line: 1, message: 'has no "---" line that closes the frontmatter.' }] };
  const frontmatter = lines.slice(1, close).join('\n');

  const problems: SplitProblem[] = [];
  const warnings: SplitProblem[] = [];
  const steps: { title: string; line: number; body: string[]; script?: { text: string; lineOffset: number } }[] = [];
  let fence: string | undefined;
  let script: { start: number; body: string[] } | undefined;
  for (let k = close + 1; k < lines.length; k++) {
    const line = lines[k] ?? '';
    const no = k + 1;
    const current = steps[steps.length - 1];
    if (script) {
      if (/^```\s*$/.test(line)) {
        if (current) current.script = { text: script.body.join('\n'), lineOffset: script.start };
        script = undefined;
      } else {
        script.body.push(line);
      }
      continue;
    }
    if (fence) {
      if (line.startsWith(fence)) fence = undefined;
      current?.body.push(line);
      continue;
    }
    if (/^```step\s*$/.test(line)) {
      if (!current) problems.push({ line: no, message: 'has a ```step block before the first "## " step heading.' });
      else if (current.script) problems.push({ line: no, message: `has a second \`\`\`step block in step "${current.title}"; one per step.` });
      script = { start: no, body: [] };
      continue;
    }
    const f = FENCE.exec(line);
    if (f?.[1]) {
      fence = f[1];
      current?.body.push(line);
      continue;
    }
    const h2 = /^##\s+(.*)$/.exec(line);
    if (h2 && !line.startsWith('###')) {
      const title = (h2[1] ?? '').trim();
      if (title === '') problems.push({ line: no, message: 'has a "## " heading without a title.' });
      steps.push({ title, line: no, body: [] });
      continue;
    }
    if (/^#\s/.test(line)) {
      problems.push({ line: no, message: 'has a "# " heading: the title goes in the frontmatter, steps start with "## ".' });
      continue;
    }
    if (!current) {
      if (line.trim() !== '') problems.push({ line: no, message: 'has text before the first "## " step heading; every paragraph belongs to a step.' });
      continue;
    }
    current.body.push(line);
  }
  if (script) problems.push({ line: script.start, message: 'has a ```step block that is never closed with ```.' });
  if (fence) problems.push({ line: lines.length, message: `has a code block opened with ${fence} that is never closed.` });
  if (steps.length === 0 && problems.length === 0) problems.push({ line: close + 2, message: 'has no steps: start each step with a "## " heading.' });
  if (problems.length > 0) return { ok: false, problems };

  for (const s of steps) warnings.push(...longParagraphs(s.body, s.line + 1));
  return {
    ok: true,
    frontmatter,
    frontmatterLineOffset: 1,
    steps: steps.map((s) => ({
      title: s.title,
      line: s.line,
      markdown: s.body.join('\n').trim(),
      ...(s.script ? { script: s.script } : {}),
    })),
    warnings,
  };
}

/** The design keeps lesson paragraphs to about 60 words; warn well past that. */
export const MAX_PARAGRAPH_WORDS = 75;

function longParagraphs(body: readonly string[], firstLine: number): SplitProblem[] {
  const out: SplitProblem[] = [];
  let words = 0;
  let start = 0;
  let inFence = false;
  const flush = () => {
    if (words > MAX_PARAGRAPH_WORDS) out.push({ line: start, message: `has a paragraph of ${words} words; keep lesson paragraphs to about 60.` });
    words = 0;
  };
  body.forEach((line, k) => {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence || line.trim() === '' || /^\s*([-*+]|\d+\.|\||>)\s/.test(line)) {
      flush();
      return;
    }
    if (words === 0) start = firstLine + k;
    words += line.trim().split(/\s+/).length;
  });
  flush();
  return out;
}

/** `lesson:` links in a step's markdown: [text](lesson:04-prezero) or (lesson:04-prezero#2). */
export function lessonLinks(markdown: string): { readonly lessonId: string; readonly step?: number }[] {
  const out: { lessonId: string; step?: number }[] = [];
  for (const m of markdown.matchAll(/\]\(lesson:([^)\s#]*)(?:#([^)\s]*))?\)/g)) {
    const step = m[2] === undefined ? undefined : Number(m[2]);
    out.push({ lessonId: m[1] ?? '', ...(step !== undefined ? { step } : {}) });
  }
  return out;
}

/** Parses an href of the form `lesson:<id>` or `lesson:<id>#<step>` (1-based); undefined otherwise. */
export function parseLessonHref(href: string): { readonly lessonId: string; readonly step?: number } | undefined {
  const m = /^lesson:([0-9]{2}-[a-z0-9-]+)(?:#([1-9][0-9]*))?$/.exec(href);
  if (!m?.[1]) return undefined;
  return m[2] === undefined ? { lessonId: m[1] } : { lessonId: m[1], step: Number(m[2]) };
}

/** Inline code that looks like a scenario key (`guest.ramGiB`), so typos in prose get caught. */
export function scenarioKeysInProse(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(/`((?:host|guest|devices|firmware|optimizations)(?:\.[A-Za-z0-9]+)+)`/g)) {
    if (m[1]) out.push(m[1]);
  }
  return out;
}
