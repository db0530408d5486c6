/**
 * The guest-physical address space QEMU builds (pc machines): RAM split below and above
 * 4 GiB, the VGA window and BIOS shadow below 1 MiB, the PCI hole, and GPU BARs placed by
 * the firmware. IOVA equals guest-physical address here (no vIOMMU).
 */
import type { Scenario } from '../scenario/resolve.ts';
import type { GuestSegment } from '../trace/types.ts';
import { GiB, MiB } from '../units.ts';

export const VGA_START = 0xa0000;
export const BIOS_SHADOW_START = 0xc0000;
export const ONE_MIB = 0x100000;
export const FOUR_GIB = 4 * GiB;

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface GuestLayout {
  readonly ramBytes: number;
  /** RAM below 4 GiB (call-paths.md 3.1: 3 GiB on i440fx, 2 GiB on q35 for large guests). */
  readonly belowBytes: number;
  readonly aboveBytes: number;
  readonly segments: readonly GuestSegment[];
  /** 64-bit BARs of each device, in guest-physical addresses. */
  readonly bars: readonly (readonly Range[])[];
}

function below4G(ramBytes: number, machine: Scenario['guest']['machine']): number {
  if (machine === 'q35') return ramBytes >= 0xb0000000 ? 2 * GiB : ramBytes;
  return ramBytes >= 0xe0000000 ? 3 * GiB : ramBytes;
}

export function buildLayout(s: Scenario, ramBytes: number): GuestLayout {
  const belowBytes = below4G(ramBytes, s.guest.machine);
  const aboveBytes = ramBytes - belowBytes;
  const segments: GuestSegment[] = [
    { label: 'low RAM', kind: 'ram', start: 0, end: VGA_START },
    { label: 'VGA', kind: 'vga', start: VGA_START, end: BIOS_SHADOW_START },
    { label: 'BIOS shadow', kind: 'bios-shadow', start: BIOS_SHADOW_START, end: ONE_MIB },
    { label: 'RAM', kind: 'ram', start: ONE_MIB, end: belowBytes },
    { label: 'PCI hole', kind: 'pci-hole', start: belowBytes, end: FOUR_GIB },
  ];
  if (aboveBytes > 0) segments.push({ label: 'RAM', kind: 'ram', start: FOUR_GIB, end: FOUR_GIB + aboveBytes });
  // SeaBIOS puts 64-bit BARs above RAM, aligned to their size (pciinit.c); largest first.
  let cursor = alignUp(FOUR_GIB + aboveBytes, GiB);
  const bars: Range[][] = [];
  for (let d = 0; d < s.devices.count; d++) {
    const ranges: Range[] = [];
    for (const mib of s.devices.barMiB) {
      const size = Math.max(4096, Math.round(mib * MiB));
      const start = alignUp(cursor, Math.min(size, GiB));
      ranges.push({ start, end: start + size });
      cursor = start + size;
    }
    bars.push(ranges);
    const first = ranges[0];
    const last = ranges[ranges.length - 1];
    if (first && last) segments.push({ label: `gpu${d} BARs`, kind: 'bar', start: first.start, end: last.end });
  }
  return { ramBytes, belowBytes, aboveBytes, segments, bars };
}

function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/** RAM offset (position in the memory backend) of a guest-physical address in RAM. */
export function ramOffset(layout: GuestLayout, gpa: number): number {
  return gpa < layout.belowBytes ? gpa : gpa - FOUR_GIB + layout.belowBytes;
}

/** RAM as QEMU's flat view shows it right after reset: the shadow area is ROM/PCI. */
export function ramRangesAtReset(layout: GuestLayout): Range[] {
  const out: Range[] = [{ start: 0, end: Math.min(VGA_START, layout.belowBytes) }];
  if (layout.belowBytes > ONE_MIB) out.push({ start: ONE_MIB, end: layout.belowBytes });
  if (layout.aboveBytes > 0) out.push({ start: FOUR_GIB, end: FOUR_GIB + layout.aboveBytes });
  return out;
}

/**
 * RAM after a PAM write. The firmware flips the shadow area 0xC0000-0xFFFFF between RAM
 * (merged with the RAM above 1 MiB into one flat range, call-paths.md 8.3) and ROM/PCI.
 */
export function ramRangesAfterPamWrite(layout: GuestLayout, merged: boolean): Range[] {
  const atReset = ramRangesAtReset(layout);
  if (!merged || layout.belowBytes <= ONE_MIB) return atReset;
  return atReset.map((r) => (r.start === ONE_MIB ? { start: BIOS_SHADOW_START, end: r.end } : r));
}

/** QEMU with the talk's fix splits any range holding 0x100000 there. */
export function splitAt1MiB(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    if (r.start < ONE_MIB && r.end > ONE_MIB) {
      out.push({ start: r.start, end: ONE_MIB }, { start: ONE_MIB, end: r.end });
    } else {
      out.push(r);
    }
  }
  return out;
}
