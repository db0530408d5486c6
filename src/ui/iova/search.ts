/**
 * Binary search over sorted times: the per-frame queries of the mechanism views use these
 * instead of scanning every event, so a frame costs O(log n) per question.
 */

/** Index of the last element <= t in an ascending array, or -1 when all are later. */
export function lastAtOrBefore(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** How many elements of an ascending array are <= t. */
export function countAtOrBefore(sorted: ArrayLike<number>, t: number): number {
  return lastAtOrBefore(sorted, t) + 1;
}
