/** Step image files: names that sort in step order, and a zip that holds exactly them, the same bytes every time. */
import { describe, expect, it } from 'vitest';
import { unzipSync, strToU8 } from 'fflate';
import { stillFileName, stillsZip, stillsZipName } from '../../src/ui/handout/still-files.ts';

describe('step image names', () => {
  it('numbers steps from 1 with two digits, more when a lesson has more steps', () => {
    expect(stillFileName('04-prezero', 0, 'svg')).toBe('04-prezero-step-01.svg');
    expect(stillFileName('04-prezero', 8, 'png', 12)).toBe('04-prezero-step-09.png');
    expect(stillFileName('04-prezero', 11, 'png', 12)).toBe('04-prezero-step-12.png');
    expect(stillFileName('10-configuration', 4, 'svg', 120)).toBe('10-configuration-step-005.svg');
    const names = Array.from({ length: 12 }, (_, i) => stillFileName('x', i, 'svg', 12));
    expect([...names].sort()).toEqual(names);
    expect(stillsZipName('04-prezero')).toBe('04-prezero-steps.zip');
  });

  it('refuses a step index that is not a whole number from 0', () => {
    expect(() => stillFileName('04-prezero', -1, 'svg')).toThrow(/whole number from 0, not -1/);
    expect(() => stillFileName('04-prezero', 1.5, 'svg')).toThrow(/not 1.5/);
  });
});

describe('step image zip', () => {
  const files = [
    { name: '04-prezero-step-01.svg', data: strToU8('<svg>one</svg>') },
    { name: '04-prezero-step-02.svg', data: strToU8('<svg>two</svg>') },
    { name: '04-prezero-step-01.png', data: new Uint8Array([137, 80, 78, 71, 1, 2, 3]) },
  ];

  it('holds every file under its name, byte for byte', () => {
    const out = unzipSync(stillsZip(files));
    expect(Object.keys(out)).toEqual(files.map((f) => f.name));
    for (const f of files) expect(out[f.name]).toEqual(f.data);
  });

  it('is the same bytes for the same files, whenever it is made', () => {
    expect(Buffer.from(stillsZip(files)).equals(Buffer.from(stillsZip(files)))).toBe(true);
  });

  it('refuses two files with one name instead of keeping only one', () => {
    expect(() => stillsZip([...files, { name: '04-prezero-step-02.svg', data: strToU8('x') }])).toThrow('two files are named 04-prezero-step-02.svg');
  });
});
