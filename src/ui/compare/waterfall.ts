/**
 * The attribution waterfall's geometry: one floating bar per fix group, from the creation
 * time after the fix to the time before it. "As in the talk" applies the fixes in turn, so
 * the bars chain and the savings add up to A − B. "Each alone" applies one fix to A at a
 * time: the bars all hang from A's time and their sum need not be A − B.
 */
import type { Attribution } from '../../sim/analysis/attribution.ts';
import type { Phase } from '../../sim/trace/phases.ts';

export type Order = 'talk' | 'alone';

export const ORDER_LABELS: Readonly<Record<Order, string>> = {
  talk: 'as in the talk',
  alone: 'each alone',
};

/**
 * The phase each fix mainly shortens, for its colour (design-language.md: the waterfall,
 * the table and the timeline share one legend). The DMA-map tracking fix removes the PAM
 * re-pins the firmware triggers, so its time comes off BIOS execution: firmware's colour.
 */
export const FIX_PHASE: Readonly<Record<string, Phase>> = {
  prezero: 'dma-map',
  'huge-pages': 'dma-map',
  'bulk-pinning': 'dma-map',
  'dma-map': 'firmware',
  resets: 'pci-reset',
  kvm: 'kvm-memslots',
  config: 'boot-menu',
  numa: 'dma-map',
};

export interface WaterfallRow {
  readonly id: string;
  readonly label: string;
  readonly keys: readonly string[];
  /** undefined for changes no fix covers: drawn neutral. */
  readonly phase: Phase | undefined;
  /** Creation time saved (positive = faster), ms. */
  readonly savedMs: number;
  /** Creation time after this row's fix, ms: the running total. */
  readonly afterMs: number;
  /** The bar's extent on the creation-time scale, ms (fromMs ≤ toMs). */
  readonly fromMs: number;
  readonly toMs: number;
}

export interface Waterfall {
  readonly beforeMs: number;
  readonly afterMs: number;
  /** A − B creation time: what the talk-order savings add up to. */
  readonly totalSavedMs: number;
  /** The sum of the rows' savings (equal to totalSavedMs in talk order). */
  readonly sumSavedMs: number;
  readonly rows: readonly WaterfallRow[];
  /** The scale's end, ms: the longest bar. */
  readonly scaleMs: number;
}

export function waterfall(att: Attribution, order: Order): Waterfall {
  const beforeMs = att.before.vmCreationMs;
  let prev = beforeMs;
  const rows: WaterfallRow[] = [];
  for (const step of att.steps) {
    // "Other changes" that change no time (only a name, say) are not a fix worth a row.
    if (step.id === 'other' && step.savedMs === 0 && step.aloneSavedMs === 0) continue;
    const savedMs = order === 'talk' ? step.savedMs : step.aloneSavedMs;
    const from = order === 'talk' ? prev : beforeMs;
    const afterMs = from - savedMs;
    rows.push({
      id: step.id, label: step.label, keys: step.keys, phase: FIX_PHASE[step.id],
      savedMs, afterMs, fromMs: Math.min(from, afterMs), toMs: Math.max(from, afterMs),
    });
    if (order === 'talk') prev = afterMs;
  }
  const afterMs = att.after.vmCreationMs;
  const scaleMs = Math.max(beforeMs, afterMs, ...rows.map((r) => r.toMs), 1);
  return { beforeMs, afterMs, totalSavedMs: beforeMs - afterMs, sumSavedMs: rows.reduce((s, r) => s + r.savedMs, 0), rows, scaleMs };
}

/** Whether a fix is one of the configured waits, drawn hatched like its phases. */
export function isWaitFix(row: WaterfallRow): boolean {
  return row.phase === 'boot-menu' || row.phase === 'grub';
}
