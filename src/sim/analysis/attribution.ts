/**
 * Where the time went: how much each of the talk's fixes saves. Fixes are applied one group
 * at a time, in the talk's order, from scenario A towards B; each step's saving is the
 * difference of two runs, so the savings always add up to A minus B. The one-at-a-time
 * figures (each fix alone on A) show how much a fix depends on the others. This file holds
 * the fixes and the result's shape; attribute.ts runs the comparison.
 */
import type { Scenario } from '../scenario/resolve.ts';
import { resolveScenario } from '../scenario/resolve.ts';
import type { Measures } from './measures.ts';

export interface FixGroup {
  readonly id: string;
  readonly label: string;
  /** The scenario keys this fix is made of, as the editor shows them. */
  readonly keys: readonly string[];
  /** `base` with this group's fields taken from `from`. */
  readonly apply: (base: Scenario, from: Scenario) => Scenario;
}

const opt = <K extends keyof Scenario['optimizations']>(keys: readonly K[]) =>
  (base: Scenario, from: Scenario): Scenario => {
    const o = { ...base.optimizations };
    for (const k of keys) o[k] = from.optimizations[k];
    return { ...base, optimizations: o };
  };

/** The talk's fixes in the order the talk presents them. */
export const FIX_GROUPS: readonly FixGroup[] = [
  {
    id: 'prezero', label: 'Pre-zero free pages',
    keys: ['optimizations.prezeroFreePages', 'host.freePool.prezeroedShare'],
    apply: (base, from) => ({
      ...opt(['prezeroFreePages'])(base, from),
      host: { ...base.host, freePool: { ...base.host.freePool, prezeroedShare: from.host.freePool.prezeroedShare } },
    }),
  },
  {
    id: 'huge-pages', label: 'Huge pages', keys: ['guest.memoryBacking'],
    apply: (base, from) => ({ ...base, guest: { ...base.guest, memoryBacking: from.guest.memoryBacking } }),
  },
  { id: 'bulk-pinning', label: 'Pin in bulk', keys: ['optimizations.bulkPinning', 'optimizations.pinThreads'], apply: opt(['bulkPinning', 'pinThreads']) },
  {
    id: 'dma-map', label: 'DMA maps tracked in QEMU + split at 0x100000',
    keys: ['optimizations.userspaceDmaMapTracking', 'optimizations.splitIovaAt1MiB'],
    apply: opt(['userspaceDmaMapTracking', 'splitIovaAt1MiB']),
  },
  {
    id: 'resets', label: 'Remove redundant reset + parallel resets',
    keys: ['optimizations.skipRedundantReset', 'optimizations.parallelResets', 'optimizations.overlapResetWithDmaMap'],
    apply: opt(['skipRedundantReset', 'parallelResets', 'overlapResetWithDmaMap']),
  },
  { id: 'kvm', label: 'KVM metadata', keys: ['optimizations.skipMmioDirtyLog', 'optimizations.countEffectiveRmap'], apply: opt(['skipMmioDirtyLog', 'countEffectiveRmap']) },
  {
    id: 'config', label: 'Boot menu off + grub timeout 0',
    keys: ['firmware.bootMenu', 'firmware.bootMenuWaitMs', 'firmware.grubTimeoutS'],
    apply: (base, from) => ({
      ...base,
      firmware: { ...base.firmware, bootMenu: from.firmware.bootMenu, bootMenuWaitMs: from.firmware.bootMenuWaitMs, grubTimeoutS: from.firmware.grubTimeoutS },
    }),
  },
  {
    id: 'numa', label: 'NUMA placement', keys: ['guest.numaPolicy'],
    apply: (base, from) => ({ ...base, guest: { ...base.guest, numaPolicy: from.guest.numaPolicy } }),
  },
];

/** The talk's baseline for a scenario: every fix reverted, everything else kept. */
export function talkBaseline(s: Scenario): Scenario {
  const ref = resolveScenario({ host: { profile: s.host.profile }, firmware: { kind: s.firmware.kind } });
  return FIX_GROUPS.reduce((acc, g) => g.apply(acc, ref), s);
}

export interface AttributionStep {
  readonly id: string;
  readonly label: string;
  readonly keys: readonly string[];
  /** Measures after this step, in sequence. */
  readonly after: Measures;
  /** Creation time saved by this step in sequence (positive = faster). */
  readonly savedMs: number;
  /** Creation time saved by this fix alone on A. */
  readonly aloneSavedMs: number;
}

export interface Attribution {
  readonly before: Measures;
  readonly after: Measures;
  readonly steps: readonly AttributionStep[];
}
