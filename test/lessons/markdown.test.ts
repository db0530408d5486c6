import { describe, expect, it } from 'vitest';
import { lessonLinks, parseLessonHref, scenarioKeysInProse, splitLessonMarkdown } from '../../src/lessons/markdown.ts';

const md = (body: string) => `---\ntitle: T\n---\n${body}`;

describe('splitting lesson.md', () => {
  it('splits steps at "## " headings, cuts the step block, and keeps code blocks whole', () => {
    const r = splitLessonMarkdown(md(['', '## One', '```step', 'view: memory', '```', 'Text one.', '', '## Two', '```sh', '## not a heading', '```', 'Text two.'].join('\n')));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.frontmatter).toBe('title: T');
    expect(r.steps.map((s) => s.title)).toEqual(['One', 'Two']);
    expect(r.steps[0]).toMatchObject({ line: 5, markdown: 'Text one.', script: { text: 'view: memory', lineOffset: 6 } });
    expect(r.steps[1]?.markdown).toBe('```sh\n## not a heading\n```\nText two.');
    expect(r.steps[1]?.script).toBeUndefined();
  });

  it('reports text before the first step, a second step block, a "# " title and unclosed blocks', () => {
    const problems = (body: string) => {
      const r = splitLessonMarkdown(md(body));
      return r.ok ? [] : r.problems.map((p) => `${p.line}: ${p.message}`);
    };
    expect(problems('Intro\n## One\nx')[0]).toMatch(/^4: has text before the first/);
    expect(problems('## One\n```step\n```\n```step\n```')[0]).toMatch(/second ```step block/);
    expect(problems('# Title\n## One\nx')[0]).toMatch(/"# " heading/);
    expect(problems('## One\n```step\nview: memory')[0]).toMatch(/never closed/);
    expect(problems('\n')[0]).toMatch(/no steps/);
    expect(splitLessonMarkdown('title: T\n').ok).toBe(false);
  });

  it('warns about long paragraphs but not long lists', () => {
    const long = Array.from({ length: 90 }, () => 'word').join(' ');
    const r = splitLessonMarkdown(md(`## One\n${long}\n\n- ${long}`));
    expect(r.ok && r.warnings.map((w) => w.line)).toEqual([5]);
  });

  it('finds lesson links and scenario keys in prose', () => {
    expect(lessonLinks('See [a](lesson:04-prezero) and [b](lesson:05-bulk-pinning#2), not [c](https://x).')).toEqual([
      { lessonId: '04-prezero' }, { lessonId: '05-bulk-pinning', step: 2 },
    ]);
    expect(parseLessonHref('lesson:04-prezero#3')).toEqual({ lessonId: '04-prezero', step: 3 });
    expect(parseLessonHref('lesson:nope')).toBeUndefined();
    expect(scenarioKeysInProse('Set `guest.ramGiB` and `optimizations.bulkPinning`; `0x100000` and `clear_page_erms` are not keys.')).toEqual([
      'guest.ramGiB', 'optimizations.bulkPinning',
    ]);
  });
});
