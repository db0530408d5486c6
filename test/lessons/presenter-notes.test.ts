/** Speaker notes in a step block: optional, checked, and carried to the step's script. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lessons/parse-lesson.ts';
import { formatLessonProblem } from '../../src/lessons/problems.ts';

const DIR = 'lessons/03-zeroing';
const files = {
  'lesson.md': readFileSync(`${DIR}/lesson.md`, 'utf8'),
  'params.jsonc': readFileSync(`${DIR}/params.jsonc`, 'utf8'),
  'solution.jsonc': readFileSync(`${DIR}/solution.jsonc`, 'utf8'),
};

/** The lesson with `block` as the first step's whole ```step block body. */
function withFirstStepBlock(block: string) {
  const md = files['lesson.md'].replace(/(## [^\n]*\n\n)(```step\n[\s\S]*?\n```\n)?/, (_, heading: string) => `${heading}\`\`\`step\n${block}\n\`\`\`\n\n`);
  return parseLesson(DIR, { ...files, 'lesson.md': md });
}

describe('speaker notes', () => {
  it('are read from a step block, folded text included', () => {
    const r = withFirstStepBlock('view: memory\nnotes: >\n  Ask who has waited for a big VM.\n  Then show the timeline.');
    expect(r.ok ? r.lesson.steps[0]?.script.notes : r.problems.map(formatLessonProblem)).toBe('Ask who has waited for a big VM. Then show the timeline.');
  });

  it('are optional', () => {
    const r = parseLesson(DIR, files);
    expect(r.ok).toBe(true);
    expect(r.ok && r.lesson.steps.every((s) => s.script.notes === undefined || s.script.notes.length > 0)).toBe(true);
  });

  it('must be text, and short enough to read at a glance, with the line named', () => {
    const long = withFirstStepBlock(`notes: ${'word '.repeat(300).trim()}`);
    expect(long.ok).toBe(false);
    const messages = long.ok ? [] : long.problems.map(formatLessonProblem);
    expect(messages.join('\n')).toMatch(/lesson\.md:\d+.*notes.*1,200 characters/);
    const listed = withFirstStepBlock('notes: [1, 2]');
    expect(listed.ok).toBe(false);
    expect(listed.ok ? '' : listed.problems.map(formatLessonProblem).join('\n')).toMatch(/notes/);
  });
});
