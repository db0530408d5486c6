/**
 * Folded ioctls as the strip draws them: folds of different containers that overlap in time
 * (one burst seen by every container) become one block with their total.
 */
import type { FoldBlock } from './iova-index.ts';

export interface StripBlock {
  readonly t: number;
  readonly endUs: number;
  /** Ioctls and QEMU-answered calls together. */
  readonly count: number;
}

export function foldBlocks(folds: readonly FoldBlock[]): StripBlock[] {
  const out: { t: number; endUs: number; count: number }[] = [];
  for (const f of [...folds].sort((a, b) => a.t - b.t)) {
    const n = f.maps + f.unmaps + f.mapsSkipped + f.unmapsDeferred;
    const last = out[out.length - 1];
    if (last && f.t <= last.endUs) {
      last.endUs = Math.max(last.endUs, f.endUs);
      last.count += n;
    } else {
      out.push({ t: f.t, endUs: f.endUs, count: n });
    }
  }
  return out;
}
