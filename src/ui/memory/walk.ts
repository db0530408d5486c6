/**
 * The page-table walk for one guest page, as get_user_pages does it on x86-64: the host
 * virtual address is cut into 9-bit indexes for PGD, PUD, PMD and PTE; a huge page stops
 * the walk at the PMD (2 MiB) or the PUD (1 GiB).
 */
import { seededPhase } from '../../sim/model/patterns.ts';
import { isMember } from '../../sim/model/patterns.ts';
import type { MemoryTrace } from '../../sim/trace/types.ts';

/** An illustrative base for QEMU's guest RAM mapping (an mmap in the upper user half). */
export const HVA_BASE = 0x7f2c_0000_0000;

export interface WalkLevel {
  readonly name: 'PGD' | 'PUD' | 'PMD' | 'PTE';
  readonly bits: string;
  readonly index: number;
  /** This level maps the page itself (huge PMD or PUD). */
  readonly leaf: boolean;
}

export interface Walk {
  readonly hva: number;
  readonly pfn: number;
  readonly levels: readonly WalkLevel[];
}

const LEVELS = [
  { name: 'PGD', shift: 39, bits: 'bits 47–39' },
  { name: 'PUD', shift: 30, bits: 'bits 38–30' },
  { name: 'PMD', shift: 21, bits: 'bits 29–21' },
  { name: 'PTE', shift: 12, bits: 'bits 20–12' },
] as const;

/**
 * A page's frame number: contiguous inside a physical run, jumping to a seeded place at
 * each run break, so neighbouring pfns show what bulk pinning can use. Illustrative.
 */
export function pfnOf(memory: MemoryTrace, page: number): number {
  let runStart = page;
  // Walk back to the start of the run (runs are short: at most maxRunPages).
  while (runStart > 0 && !isMember(memory.runBreaks, runStart - 1) && page - runStart < memory.maxRunPages) runStart--;
  const base = Math.floor(seededPhase(runStart, 7) * 0x3f_ffff) * (memory.pageBytes / 4096);
  return base + (page - runStart) * (memory.pageBytes / 4096);
}

export function walkFor(memory: MemoryTrace, page: number): Walk {
  const hva = HVA_BASE + page * memory.pageBytes;
  const depth = memory.walkLevels;
  const levels = LEVELS.slice(0, depth).map((l, i) => ({
    name: l.name,
    bits: l.bits,
    // Division, not shifts: JavaScript bit operators are 32-bit.
    index: Math.floor(hva / 2 ** l.shift) % 512,
    leaf: i === depth - 1 && depth < 4,
  }));
  return { hva, pfn: pfnOf(memory, page), levels };
}

export function hex48(n: number): string {
  const s = n.toString(16).padStart(12, '0');
  return `0x${s.slice(0, 4)}_${s.slice(4, 8)}_${s.slice(8)}`;
}
