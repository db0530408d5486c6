/**
 * The IOVA view in one sentence, for screen readers and as the view's caption: what the
 * listener is doing at the playhead and the running totals, e.g. "At 103.4 s: PAM write 6
 * of 13 just re-pinned 3.0 GiB; 6 unmaps so far".
 */
import type { IovaIndex, MapOp } from './iova-index.ts';
import { gibOf4K, type IovaCounters } from './iova-frame.ts';
import { countAtOrBefore, lastAtOrBefore } from './search.ts';
import { sizeLabel } from './address-scale.ts';

function amount(pages4K: number): string {
  const gib = gibOf4K(pages4K);
  return gib >= 1 ? `${gib.toFixed(1)} GiB` : sizeLabel(pages4K * 4096);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function activity(ix: IovaIndex, t: number): string | undefined {
  const op: MapOp | undefined = ix.ops[lastAtOrBefore(ix.opBegins, t)];
  const pams = countAtOrBefore(ix.pamTimes, t);
  const pamT = ix.pamTimes[pams - 1];
  const pam = pams > 0 ? `PAM write ${pams} of ${ix.pamTimes.length}` : undefined;
  const byPam = pam !== undefined && pamT !== undefined && op !== undefined && op.beginUs >= pamT;
  const kind = op ? ix.byId.get(op.region)?.region.kind : undefined;
  if (op && t < op.startUs) {
    if (op.repin4K > 0) return `${byPam ? pam : 'QEMU'} unpinned ${amount(op.repin4K)} and re-pins it next`;
    return `QEMU pins ${amount(op.pages4K)} of ${kind === 'bar' ? 'BAR' : 'guest RAM'} next`;
  }
  if (op && t < op.endUs) {
    const pct = Math.floor(((t - op.startUs) / Math.max(1, op.endUs - op.startUs)) * 100);
    if (op.repin4K > 0) return `${byPam ? `${pam} is` : 'QEMU is'} re-pinning ${amount(op.repin4K)} (${pct}%)`;
    if (kind === 'bar') return `QEMU is mapping a ${sizeLabel(op.pages4K * 4096)} BAR`;
    return `QEMU is pinning ${amount(op.pages4K)} of guest RAM for the first time (${pct}%)`;
  }
  if (op && op.repin4K > 0 && t < op.endUs + ix.holdUs) return `${byPam ? pam : 'QEMU'} just re-pinned ${amount(op.repin4K)}`;
  if (pam && pamT !== undefined && t < pamT + ix.holdUs && !byPam) return `${pam}: QEMU kept its mappings, nothing re-pinned`;
  return undefined;
}

export function iovaCaption(ix: IovaIndex, t: number, c: IovaCounters): string {
  const head = `At ${(t / 1e6).toFixed(1)} s`;
  const what = activity(ix, t);
  const totals = [
    `${plural(c.mapIoctls, 'map')} and ${plural(c.unmapIoctls, 'unmap')} so far`,
    c.mapsSkipped > 0 ? `${c.mapsSkipped} answered by QEMU's tracking` : undefined,
    c.repinned4K > 0 ? `${amount(c.repinned4K)} re-pinned` : undefined,
  ].filter((x) => x !== undefined);
  return `${head}: ${what ? `${what}; ` : ''}${totals.join(', ')}.`;
}
