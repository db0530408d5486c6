/**
 * The savings of each of the talk's fixes between two scenarios (see attribution.ts). Its own
 * file: only the compare page runs it, while the fix list goes with every page's first load.
 */
import { run } from '../engine/run.ts';
import type { Scenario } from '../scenario/resolve.ts';
import { type Attribution, type AttributionStep, FIX_GROUPS, type FixGroup } from './attribution.ts';
import { measures } from './measures.ts';

const same = (a: Scenario, b: Scenario) => JSON.stringify(a) === JSON.stringify(b);

export function attribute(a: Scenario, b: Scenario): Attribution {
  const before = measures(run(a));
  const steps: AttributionStep[] = [];
  let state = a;
  let prev = before;
  const groups: FixGroup[] = [...FIX_GROUPS, { id: 'other', label: 'Other changes', keys: [], apply: (_base, from) => from }];
  for (const g of groups) {
    const next = g.apply(state, b);
    if (same(next, state)) continue;
    const m = measures(run(next));
    const savedMs = prev.vmCreationMs - m.vmCreationMs;
    // "Other changes" has no meaning alone (it is whatever no fix covers): keep its step saving.
    const aloneSavedMs = g.id === 'other' ? savedMs : before.vmCreationMs - measures(run(g.apply(a, b))).vmCreationMs;
    steps.push({ id: g.id, label: g.label, keys: g.keys, after: m, savedMs, aloneSavedMs });
    state = next;
    prev = m;
  }
  return { before, after: prev, steps };
}
