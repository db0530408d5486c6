/**
 * A sweep as CSV, exactly as `npm run sim -- --sweep … --format csv` prints it: the CLI's
 * own formatter (pure, no Node), fed the rows in plan order (series by series, each along
 * the axis), however the workers returned them.
 */
import { formatSweepCsv } from '../../cli/format.ts';
import type { SweepRow } from '../../sim/analysis/sweep.ts';
import type { PlanMeta } from './sweep-protocol.ts';

export function planOrder(rows: readonly SweepRow[]): SweepRow[] {
  return [...rows].sort((a, b) => a.seriesIndex - b.seriesIndex || a.xIndex - b.xIndex);
}

export function sweepCsv(meta: PlanMeta, rows: readonly SweepRow[]): string {
  // The formatter reads the plan's field and phases only; the points stayed in the workers.
  return `${formatSweepCsv({ ...meta, points: [] }, planOrder(rows))}\n`;
}
