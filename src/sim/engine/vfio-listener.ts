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

const same = (a: Range, b: Range) => a.start === b.start && a.end === b.end;
const overlap = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
const stateOf = (r: RegionRecord) => r.state;

export class VfioListener {
  private flat: Range[] = [];
  readonly regions: RegionRecord[] = [];

  constructor(private readonly opts: ListenerOptions) {}

  /**
   * Applies a new flat view at time t; returns the ioctls in the order QEMU issues them.
   * The memory core diffs whole FlatRanges and calls region_del / region_add for the ones
   * that changed; the talk's split happens inside VFIO's callbacks, per range.
   */
  update(newRanges: readonly Range[], t: Micros): Ioctl[] {
    const next = [...newRanges];
    const removed = this.flat.filter((r) => !next.some((n) => same(n, r)));
    const added = next.filter((n) => !this.flat.some((r) => same(n, r)));
    this.flat = next;
    const pieces = (r: Range) => (this.opts.splitAt1MiB ? splitAt1MiB([r]) : [r]);
    const out: Ioctl[] = [];
    // address_space_update_topology_pass: deletions first, then additions.
    for (const r of removed.flatMap(pieces)) {
      const region = this.regions.find((g) => same(g.range, r) && stateOf(g) === 'mapped');
      if (!region) throw new Error(`region_del of [${hex(r.start)}, ${hex(r.end)}) that is not mapped, at t=${t}`);
      out.push(...this.send(region, { type: 'iova.unmap' }, t));
    }
    for (const r of added.flatMap(pieces)) {
      const waiting = this.regions.find((g) => same(g.range, r) && stateOf(g) === 'unmapRequested');
      if (waiting) {
        out.push(...this.send(waiting, { type: 'iova.map' }, t));
        continue;
      }
      for (const g of this.regions) {
        const st = stateOf(g);
        if ((st === 'mapped' || st === 'unmapRequested') && overlap(g.range, r)) {
          out.push(...this.send(g, { type: 'iova.conflict', byStartIova: r.start, byEndIova: r.end }, t));
        }
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

export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
