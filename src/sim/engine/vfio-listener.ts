/**
 * QEMU's VFIO memory listener for one container. Given the new list of RAM ranges after a
 * memory topology change, it decides region_del / region_add per range and drives one
 * IOVA region machine per range (with its pure `transition`); the machine's actions say
 * which ioctls reach the kernel. The listener only decides; the World prices.
 */
import type { IovaRegionEvent } from '../machines/iova-region.machine.ts';
import type { Micros } from '../time.ts';
import type { StateChange } from '../trace/types.ts';
import { type IovaState, iovaTransition } from './iova-transitions.ts';
import { type Range, splitAt1MiB } from './layout.ts';

export interface RegionRecord {
  readonly id: number;
  readonly range: Range;
  state: IovaState;
  readonly states: StateChange[];
}

export type Ioctl =
  | { readonly kind: 'map'; readonly region: RegionRecord }
  | { readonly kind: 'unmap'; readonly region: RegionRecord }
  | { readonly kind: 'map-skipped'; readonly region: RegionRecord }
  | { readonly kind: 'unmap-deferred'; readonly region: RegionRecord };

export interface ListenerOptions {
  readonly tracksInUserspace: boolean;
  readonly splitAt1MiB: boolean;
  /** Allocates globally unique region ids across containers. */
  readonly nextId: () => number;
}

const overlap = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

export class VfioListener {
  /** Regions QEMU still holds (mapped, or unmap deferred), by range. */
  private readonly live = new Map<string, RegionRecord>();
  readonly regions: RegionRecord[] = [];

  constructor(private readonly opts: ListenerOptions) {}

  /**
   * One memory topology change at time t: the FlatRanges the memory core removed and added
   * (it calls region_del / region_add only for ranges that changed). Returns the ioctls in
   * the order QEMU issues them. The talk's split happens inside VFIO's callbacks, per range.
   */
  update(removed: readonly Range[], added: readonly Range[], t: Micros): Ioctl[] {
    const pieces = (r: Range) => (this.opts.splitAt1MiB ? splitAt1MiB([r]) : [r]);
    const out: Ioctl[] = [];
    // address_space_update_topology_pass: deletions first, then additions.
    for (const r of removed.flatMap(pieces)) {
      const region = this.live.get(key(r));
      if (!region || region.state !== 'mapped') throw new Error(`region_del of [${hex(r.start)}, ${hex(r.end)}) that is not mapped, at t=${t}`);
      out.push(...this.send(region, { type: 'iova.unmap' }, t));
    }
    for (const r of added.flatMap(pieces)) {
      const same = this.live.get(key(r));
      if (same && same.state === 'unmapRequested') {
        out.push(...this.send(same, { type: 'iova.map' }, t));
        continue;
      }
      for (const g of [...this.live.values()]) {
        if (overlap(g.range, r)) out.push(...this.send(g, { type: 'iova.conflict', byStartIova: r.start, byEndIova: r.end }, t));
      }
      const region: RegionRecord = { id: this.opts.nextId(), range: r, state: 'unmapped', states: [{ t, state: 'unmapped' }] };
      this.regions.push(region);
      out.push(...this.send(region, { type: 'iova.map' }, t));
    }
    return out;
  }

  private send(region: RegionRecord, event: IovaRegionEvent, t: Micros): Ioctl[] {
    const tr = iovaTransition(this.opts.tracksInUserspace, region.state, event.type);
    if (!tr) {
      throw new Error(`IOVA region [${hex(region.range.start)}, ${hex(region.range.end)}) in ${region.state} ignored ${event.type} at t=${t}`);
    }
    region.state = tr.next;
    region.states.push({ t, state: tr.next });
    if (tr.next === 'mapped' || tr.next === 'unmapRequested') this.live.set(key(region.range), region);
    else this.live.delete(key(region.range));
    const out: Ioctl[] = [];
    for (const a of tr.actions) {
      if (a === 'mapIoctl') out.push({ kind: 'map', region });
      else if (a === 'unmapIoctl') out.push({ kind: 'unmap', region });
      else if (a === 'revive') out.push({ kind: 'map-skipped', region });
      else out.push({ kind: 'unmap-deferred', region });
    }
    return out;
  }
}

const key = (r: Range) => `${r.start}:${r.end}`;

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
