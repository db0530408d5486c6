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
  /** `range` as the live map's key, made once. */
  readonly key: string;
  state: IovaState;
  readonly states: StateChange[];
  /** Made inside the container's detail window, which is still open: its history is kept. */
  tracked: boolean;
}

export type Ioctl =
  | { readonly kind: 'map'; readonly region: RegionRecord }
  | { readonly kind: 'unmap'; readonly region: RegionRecord }
  | { readonly kind: 'map-skipped'; readonly region: RegionRecord }
  | { readonly kind: 'unmap-deferred'; readonly region: RegionRecord };

export interface ListenerOptions {
  readonly tracksInUserspace: boolean;
  readonly splitAt1MiB: boolean;
  /** Keep each region's state changes (the IOVA view's lanes; default on); off in a lean run. */
  readonly keepsHistory?: boolean;
  /**
   * The detail window: how many records (region state changes and ioctls) the container
   * keeps one by one. The window closes at the first topology change after they are used:
   * from then on regions still run their machines and are priced and counted, but keep no
   * history, and their ioctls are folded into one record per burst. A run stays bounded.
   */
  readonly detailRecords?: number;
  /** Allocates globally unique region ids across containers. */
  readonly nextId: () => number;
}

const overlap = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

export class VfioListener {
  /** Regions QEMU still holds (mapped, or unmap deferred), by range. */
  private readonly live = new Map<string, RegionRecord>();
  readonly regions: RegionRecord[] = [];

  private readonly keepsHistory: boolean;
  private records = 0;
  /** When the detail window closed, if it did. */
  detailEndUs: Micros | undefined;

  constructor(private readonly opts: ListenerOptions) {
    this.keepsHistory = opts.keepsHistory ?? true;
  }

  /**
   * One memory topology change at time t: the FlatRanges the memory core removed and added
   * (it calls region_del / region_add only for ranges that changed). Returns the ioctls in
   * the order QEMU issues them. The talk's split happens inside VFIO's callbacks, per range.
   */
  update(removed: readonly Range[], added: readonly Range[], t: Micros): Ioctl[] {
    const split = this.opts.splitAt1MiB;
    const out: Ioctl[] = [];
    if (this.detailEndUs === undefined && this.records >= (this.opts.detailRecords ?? Infinity)) {
      this.detailEndUs = t;
      for (const r of this.regions) r.tracked = false;
    }
    // address_space_update_topology_pass: deletions first, then additions.
    for (const r of split ? splitAt1MiB(removed) : removed) {
      const region = this.live.get(key(r));
      if (!region || region.state !== 'mapped') throw new Error(`region_del of [${hex(r.start)}, ${hex(r.end)}) that is not mapped, at t=${t}`);
      this.send(region, { type: 'iova.unmap' }, t, out);
    }
    for (const r of split ? splitAt1MiB(added) : added) {
      const k = key(r);
      const same = this.live.get(k);
      if (same && same.state === 'unmapRequested') {
        this.send(same, { type: 'iova.map' }, t, out);
        continue;
      }
      // A conflict is rare: look before copying the live set that sending may change.
      let conflicts = false;
      for (const g of this.live.values()) {
        if (overlap(g.range, r)) {
          conflicts = true;
          break;
        }
      }
      if (conflicts) {
        for (const g of [...this.live.values()]) {
          if (overlap(g.range, r)) this.send(g, { type: 'iova.conflict', byStartIova: r.start, byEndIova: r.end }, t, out);
        }
      }
      const tracked = this.keepsHistory && this.detailEndUs === undefined;
      if (tracked) this.records++;
      const region: RegionRecord = { id: tracked ? this.opts.nextId() : -1, range: r, key: k, state: 'unmapped', states: tracked ? [{ t, state: 'unmapped' }] : [], tracked };
      if (tracked) this.regions.push(region);
      this.send(region, { type: 'iova.map' }, t, out);
    }
    return out;
  }

  /** The live mappings with their states, in the order conflicts are looked for. */
  signature(): string {
    let out = '';
    for (const r of this.live.values()) out += `${r.key}=${r.state};`;
    return out;
  }

  /** Sends `event` to a region's machine and appends the ioctls its actions issue to `out`. */
  private send(region: RegionRecord, event: IovaRegionEvent, t: Micros, out: Ioctl[]): void {
    const tr = iovaTransition(this.opts.tracksInUserspace, region.state, event.type);
    if (!tr) {
      throw new Error(`IOVA region [${hex(region.range.start)}, ${hex(region.range.end)}) in ${region.state} ignored ${event.type} at t=${t}`);
    }
    region.state = tr.next;
    if (region.tracked) {
      region.states.push({ t, state: tr.next });
      this.records += 1 + tr.actions.length;
    }
    if (tr.next === 'mapped' || tr.next === 'unmapRequested') this.live.set(region.key, region);
    else this.live.delete(region.key);
    for (const a of tr.actions) {
      if (a === 'mapIoctl') out.push({ kind: 'map', region });
      else if (a === 'unmapIoctl') out.push({ kind: 'unmap', region });
      else if (a === 'revive') out.push({ kind: 'map-skipped', region });
      else out.push({ kind: 'unmap-deferred', region });
    }
  }
}

const key = (r: Range) => `${r.start}:${r.end}`;

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
