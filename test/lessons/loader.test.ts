/**
 * One parser, two ways in: the page's Vite glob and the check's file-system reader hand the
 * same raw texts to the same function and get the same lessons.
 */
import { describe, expect, it } from 'vitest';
import { readLessonFiles } from '../../src/cli/lessons-fs.ts';
import { buildLessons } from '../../src/lessons/collection.ts';
import { lessonFilesFromBundle, loadLessons } from '../../src/lessons/load-vite.ts';

describe('lesson loaders', () => {
  const fromDisk = readLessonFiles('lessons');
  const fromBundle = lessonFilesFromBundle();

  it('see the same files with the same texts', () => {
    expect(Object.keys(fromBundle).sort()).toEqual(Object.keys(fromDisk).map((k) => `/${k}`).sort());
    for (const [path, text] of Object.entries(fromDisk)) expect(fromBundle[`/${path}`], path).toBe(text);
    expect(Object.keys(fromDisk).length).toBeGreaterThanOrEqual(36);
  });

  it('build identical lessons from the Node path and the Vite path', () => {
    expect(buildLessons(fromDisk)).toEqual(loadLessons());
  });

  it('build identical lessons from the same raw inputs, keyed either way', () => {
    const slashed = Object.fromEntries(Object.entries(fromDisk).map(([k, v]) => [`/${k}`, v]));
    const a = buildLessons(fromDisk);
    expect(buildLessons(slashed)).toEqual(a);
    expect(a.lessons[2]?.dir).toBe('lessons/03-zeroing');
  });
});
