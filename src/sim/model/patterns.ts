/**
 * Deterministic, seeded spreading of a share over page indexes (a Bresenham line).
 * Page i is "in" the pattern when floor((i+1)·share + phase) > floor(i·share + phase).
 * Counting members of any range is O(1), so a 1 TiB guest costs the same as 1 GiB,
 * and the per-page detail window agrees with the totals by construction.
 */

export interface Pattern {
  readonly share: number;
  /** In [0, 1): where the line starts, from the seed. */
  readonly phase: number;
}

/** A phase in [0, 1) from a seed and a salt, so different patterns of one run differ. */
export function seededPhase(seed: number, salt: number): number {
  // xorshift-multiply mix of 32-bit integers; only determinism matters here.
  let x = (seed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return x / 4294967296;
}

/** Members of the pattern among pages [start, end). */
export function countIn(p: Pattern, start: number, end: number): number {
  if (end <= start || p.share <= 0) return 0;
  if (p.share >= 1) return end - start;
  return Math.floor(end * p.share + p.phase) - Math.floor(start * p.share + p.phase);
}

export function isMember(p: Pattern, i: number): boolean {
  return countIn(p, i, i + 1) === 1;
}
