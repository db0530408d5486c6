/**
 * Settings shared by the fuzz suites (test/sim/fuzz-*.test.ts, test/app/fuzz-*.test.ts,
 * test/lessons/fuzz-*.test.ts): property tests that feed damaged, hostile and extreme input
 * to every entry point and check that the answer is always a result or a clear problem.
 *
 * `npm test` runs them with a fixed seed and run counts sized so the whole fuzz suite stays
 * well under 30 s on a busy two-core machine: a failure there reproduces exactly. To search
 * harder, set either variable:
 *
 *   FUZZ_RUNS=20       each property tries 20 times as many cases (any positive number)
 *   FUZZ_SEED=random   a new seed every run; fast-check prints it with any failure
 *   FUZZ_SEED=1234     replays the seed a failure printed (add its `path` to replay just that case)
 *
 *   FUZZ_RUNS=50 FUZZ_SEED=random npx vitest run --project unit test/sim/fuzz* test/app/fuzz* test/lessons/fuzz*
 */
import type { Parameters } from 'fast-check';

/** The seed `npm test` uses, so CI sees the same cases every time. */
const FIXED_SEED = 20_201_029;

function readScale(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 1;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`FUZZ_RUNS must be a positive number (a multiplier of the run counts), not "${text}".`);
  return n;
}

function readSeed(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return FIXED_SEED;
  if (text.trim() === 'random') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be a whole number or "random", not "${text}".`);
  return n;
}

const scale = readScale(process.env.FUZZ_RUNS);
const seed = readSeed(process.env.FUZZ_SEED);

/** fast-check parameters for a property that runs `runs` cases in `npm test`. */
export function fuzz<T>(runs: number, extra: Parameters<T> = {}): Parameters<T> {
  return { numRuns: Math.max(1, Math.round(runs * scale)), ...(seed !== undefined ? { seed } : {}), ...extra };
}

/** A test's time limit: generous for the default counts, and growing with FUZZ_RUNS. */
export const FUZZ_TIMEOUT_MS = Math.round(60_000 * Math.max(1, scale));
