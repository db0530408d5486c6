import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changeCount, diffLines } from '../../src/ui/lesson/line-diff.ts';

describe('line diff of two scenario texts', () => {
  it('marks the changed line as removed then added, keeping line numbers of both sides', () => {
    const a = '{\n  "host": { "profile": "didi-2020" },\n  "guest": { "ramGiB": 256 }\n}\n';
    const b = '{\n  "host": { "profile": "didi-2020", "zeroingGBps": 13.7 },\n  "guest": { "ramGiB": 256 }\n}\n';
    expect(diffLines(a, b)).toEqual([
      { kind: 'same', text: '{', oldNo: 1, newNo: 1 },
      { kind: 'removed', text: '  "host": { "profile": "didi-2020" },', oldNo: 2 },
      { kind: 'added', text: '  "host": { "profile": "didi-2020", "zeroingGBps": 13.7 },', newNo: 2 },
      { kind: 'same', text: '  "guest": { "ramGiB": 256 }', oldNo: 3, newNo: 3 },
      { kind: 'same', text: '}', oldNo: 4, newNo: 4 },
    ]);
  });

  it('rebuilds either side from its lines, and finds nothing to change in equal texts', () => {
    const line = fc.constantFrom('{', '}', '"a": 1,', '"b": 2,', '// note', '');
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (xs, ys) => {
      const a = xs.join('\n');
      const b = ys.join('\n');
      const d = diffLines(a, b);
      // A final newline ends the last line; it does not add an empty one.
      const lines = (t: string) => t.replace(/\n$/, '');
      expect(d.filter((l) => l.kind !== 'added').map((l) => l.text).join('\n')).toBe(lines(a));
      expect(d.filter((l) => l.kind !== 'removed').map((l) => l.text).join('\n')).toBe(lines(b));
      expect(changeCount(diffLines(a, a))).toEqual({ removed: 0, added: 0 });
    }));
  });
});
