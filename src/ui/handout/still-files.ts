/**
 * The step images as files: one SVG and one PNG per step, named so they sort in step order
 * ("04-prezero-step-01.svg"), packed in one zip. Entries carry a fixed date, so the same
 * pictures always give the same zip.
 */
import { zipSync } from 'fflate';

export type StillKind = 'svg' | 'png';

/** "04-prezero-step-01.svg" for step index 0; two digits at least, more for longer lessons. */
export function stillFileName(lessonId: string, index: number, kind: StillKind, steps = 1): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`stillFileName: step index must be a whole number from 0, not ${index}`);
  const width = Math.max(2, String(Math.max(steps, index + 1)).length);
  return `${lessonId}-step-${String(index + 1).padStart(width, '0')}.${kind}`;
}

/** "04-prezero-steps.zip". */
export function stillsZipName(lessonId: string): string {
  return `${lessonId}-steps.zip`;
}

export interface StillFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A fixed entry date (the zip format counts from 1980), so a zip depends only on its files. */
const ENTRY_DATE = new Date(Date.UTC(2020, 9, 29, 12, 0, 0));

/** The files as a zip, in the order given; a name used twice is refused rather than overwritten. */
export function stillsZip(files: readonly StillFile[]): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date; level: 0 | 6 }]> = {};
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.name)) throw new Error(`stillsZip: two files are named ${f.name}`);
    seen.add(f.name);
    // PNG data is compressed already; deflating it again only costs time.
    entries[f.name] = [f.data, { mtime: ENTRY_DATE, level: f.name.endsWith('.png') ? 0 : 6 }];
  }
  return zipSync(entries);
}
