/**
 * The selection link: the dotted scenario paths that drive the selected span, located in
 * the text. Present keys become highlighted editor lines; absent ones are listed as
 * "not set", because their value comes from the profile, a preset or the defaults.
 */
import type { Driver } from './scenario-editor.ts';
import { locateFields, type KeySpot, type ScenarioDoc } from './scenario-text.ts';

export interface DriverMap {
  readonly drivers: readonly Driver[];
  /** The first field the text sets: where "reveal" puts the cursor. */
  readonly first?: { readonly id: string; readonly spot: KeySpot };
  readonly absent: readonly string[];
}

export function mapDrivers(doc: ScenarioDoc, fields: readonly string[], spanLabel: string | undefined): DriverMap {
  const { present, absent } = locateFields(doc, fields);
  const first = present[0];
  const seen = new Set<number>();
  const drivers: Driver[] = [];
  for (const p of present) {
    // Several keys on one line ("freePool": { "fragmentation": 0.3 }) draw one highlight.
    if (seen.has(p.spot.line)) continue;
    seen.add(p.spot.line);
    const primary = p === first;
    drivers.push({ line: p.spot.line, primary, ...(primary && spanLabel ? { lens: `drives ${spanLabel}` } : {}) });
  }
  return { drivers, ...(first ? { first } : {}), absent };
}
