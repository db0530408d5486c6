/**
 * Words for a region on the mapping row: the longest label that fits its width, and the
 * full sentence for its accessible name. Colour is never the only cue: every look has words.
 */
import type { Look, RegionAt, Badge } from './iova-frame.ts';
import { hexAddr, sizeLabel } from './address-scale.ts';

/** (measured) Inter at 12 px averages about 6.4 px per character in these labels. */
export const UI_CHAR_PX = 6.4;

export const LOOK_WORDS: Readonly<Record<Look, string>> = {
  pinning: 'pinning',
  repinning: 're-pinning',
  repinned: 'just re-pinned',
  mapped: 'mapped',
  kept: 'kept in QEMU',
  conflict: 'conflict: unmapped',
};

export function labelCandidates(r: RegionAt): string[] {
  const size = sizeLabel(r.info.region.endIova - r.info.region.startIova);
  const pct = `${Math.floor(r.progress * 100)}%`;
  if (r.waiting) {
    return r.look === 'repinning' ? [`${size} · unpinned, re-pin next`, 're-pin next', '…'] : [`${size} · pinning next`, 'next', '…'];
  }
  switch (r.look) {
    case 'pinning':
      return [`${size} · pinning ${pct}`, `pinning ${pct}`, pct];
    case 'repinning':
      return [`${size} · re-pinning ${pct}`, `re-pinning ${pct}`, pct];
    case 'repinned':
      return [`${size} · re-pinned`, size];
    case 'mapped':
      return [`${size} · mapped`, size];
    case 'kept':
      return [`${size} · kept in QEMU`, 'kept in QEMU', 'kept'];
    case 'conflict':
      return ['✕ conflict: unmapped', '✕ conflict', '✕'];
  }
}

/** The first candidate that fits in widthPx with padPx on each side, or '' when none does. */
export function fitLabel(candidates: readonly string[], widthPx: number, charPx = UI_CHAR_PX, padPx = 6): string {
  return candidates.find((c) => c.length * charPx + 2 * padPx <= widthPx) ?? '';
}

export function badgeWidth(text: string, charPx = UI_CHAR_PX): number {
  return text.length * charPx + 14;
}

export function regionSentence(r: RegionAt, badge: Badge | undefined): string {
  const reg = r.info.region;
  const parts = [
    `${reg.kind === 'bar' ? 'BAR' : 'RAM'} ${hexAddr(reg.startIova)} to ${hexAddr(reg.endIova - 1)}, ${sizeLabel(reg.endIova - reg.startIova)}`,
    r.waiting ? `${LOOK_WORDS[r.look]} next` : r.look === 'pinning' || r.look === 'repinning' ? `${LOOK_WORDS[r.look]}, ${Math.floor(r.progress * 100)}% done` : LOOK_WORDS[r.look],
  ];
  if (badge && badge.totalRemaps > 0) parts.push(`re-mapped ${badge.remaps} of ${badge.totalRemaps} times so far`);
  if (badge && badge.kept > 0) parts.push(`${badge.kept} maps answered by QEMU's tracking`);
  return `${parts.join('; ')}. Select to show its span in the timeline.`;
}
