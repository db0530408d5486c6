import { describe, expect, it } from 'vitest';
import { parseYamlLite, pathKey } from '../../src/lessons/yaml-lite.ts';

function ok(text: string) {
  const r = parseYamlLite(text);
  if (!r.ok) throw new Error(`unexpected error at ${r.error.line}:${r.error.column}: ${r.error.message}`);
  return r;
}

function fails(text: string) {
  const r = parseYamlLite(text);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  return r.error;
}

describe('the YAML subset', () => {
  it('reads mappings, lists, flow lists and typed scalars', () => {
    const r = ok(['title: Zeroing   # a comment', 'minutes: 7', 'views: [memory, "iova"]', 'on: true', 'ratio: -1.5e3', 'list:', '- a', '- 2', 'nested:', '  deeper:', '    key: value'].join('\n'));
    expect(r.value).toEqual({
      title: 'Zeroing', minutes: 7, views: ['memory', 'iova'], on: true, ratio: -1500, list: ['a', 2], nested: { deeper: { key: 'value' } },
    });
  });

  it('reads lists of mappings and keeps the position of every key', () => {
    const r = parseYamlLite(['goals:', '  - id: a', '    max: 1', '  - id: b', '    max: 2'].join('\n'), 1);
    expect(r.ok && r.value).toEqual({ goals: [{ id: 'a', max: 1 }, { id: 'b', max: 2 }] });
    expect(r.ok && r.positions.get('goals[1].max')).toEqual({ line: 6, column: 5 });
    expect(r.ok && r.positions.get('goals[1]')).toEqual({ line: 5, column: 3 });
  });

  it('folds > text and keeps | text, and folds plain continuation lines', () => {
    const r = ok(['a: >', '  one', '  two', '', '  three', 'b: |', '  x', '  # y', 'c: long', '  text'].join('\n'));
    expect(r.value).toEqual({ a: 'one two\nthree', b: 'x\n# y', c: 'long text' });
    expect(ok('summary:\n  starts on\n  the next line\nn: 1').value).toEqual({ summary: 'starts on the next line', n: 1 });
  });

  it('reads quoted keys and strings with escapes', () => {
    const r = ok(['set:', '  "guest.ramGiB": 64', "  'it''s': \"a \\\"b\\\"\""].join('\n'));
    expect(r.value).toEqual({ set: { 'guest.ramGiB': 64, "it's": 'a "b"' } });
    expect(r.positions.has('set["guest.ramGiB"]')).toBe(true);
  });

  it('refuses what real YAML would read differently, with the line and column', () => {
    expect(fails('a: b: c')).toMatchObject({ line: 1, column: 4, message: expect.stringMatching(/colon/) });
    expect(fails('a: null').message).toMatch(/null/);
    expect(fails('a:').message).toMatch(/missing/);
    expect(fails('a: 0x10').message).toMatch(/decimal/);
    expect(fails('a: {b: 1}').message).toMatch(/indented/);
    expect(fails('a: 1\na: 2')).toMatchObject({ line: 2, message: '"a" appears twice.' });
    expect(fails('a:\n\tb: 1')).toMatchObject({ line: 2, message: expect.stringMatching(/tab/) });
    expect(fails('a: 1\n  b: 2')).toMatchObject({ line: 2 });
    expect(fails('a: "open').message).toMatch(/not closed/);
    expect(fails('a: [1, [2]]').message).toMatch(/Lists inside/);
    expect(fails('a: *ref').message).toMatch(/cannot start/);
  });

  it('says which key or item it was reading when it failed', () => {
    expect(fails('title: x\ngoals:\n  - id: a\n    max: 0x10').path).toEqual(['goals', 0, 'max']);
    expect(fails('goals:\n  - id: a\n  - id: "open').path).toEqual(['goals', 1, 'id']);
    expect(fails('title: x\nviews: [a, , b]').path).toEqual(['views']);
    // A line that is not "key: value" belongs to the mapping it sits in.
    expect(fails('set:\n  ramGiB: 1\n  what is this').path).toEqual(['set']);
    expect(fails('\ta: 1').path).toEqual([]);
  });

  it('names paths as authors read them', () => {
    expect(pathKey(['goals', 1, 'max'])).toBe('goals[1].max');
    expect(pathKey(['steps', 0, 'set', 'guest.ramGiB'])).toBe('steps[0].set["guest.ramGiB"]');
  });
});
