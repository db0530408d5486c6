/**
 * The long soak (test/soak/soak.ts) for `npm run bench`: hundreds of lesson and scenario
 * switches with timelines played in one page; its criteria are the short soak's in
 * `npm test`, over more iterations.
 */
import type { Browser } from 'playwright-core';
import { SOAK_CYCLE, soak, soakChecks } from '../soak/soak.ts';
import type { Row } from './stats.ts';

/** 13 cycles after a warm-up cycle; the first and last four (96 iterations each) are compared. */
export const SOAK = { warmup: SOAK_CYCLE, iterations: 13 * SOAK_CYCLE, block: 4 * SOAK_CYCLE } as const;

export async function benchSoak(browser: Browser, base: string): Promise<{ rows: Row[]; figures: Record<string, number> }> {
  const r = await soak(browser, {
    baseURL: base, ...SOAK,
    onIteration: (i) => {
      if ((i + 1) % 50 === 0) console.log(`  soak: ${i + 1} of ${SOAK.iterations} iterations`);
    },
  });
  const figures: Record<string, number> = {
    'soak.iterations': r.samples.length,
    'soak.firstHeapMB': r.firstHeap / 1e6,
    'soak.lastHeapMB': r.lastHeap / 1e6,
    'soak.heapGrowth': r.heapGrowth,
    'soak.firstListeners': r.firstListeners,
    'soak.lastListeners': r.lastListeners,
    'soak.modelsAtEnd': r.modelPaths.length,
    'soak.editorsMax': r.editorsMax,
    'soak.liveWorkersMax': r.liveWorkersMax,
    'soak.seconds': r.ms / 1000,
  };
  return { rows: soakChecks(r), figures };
}
