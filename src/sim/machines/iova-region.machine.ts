/**
 * One IOVA range that QEMU's VFIO memory listener has mapped or will map. The engine
 * feeds it the listener's region_add / region_del decisions; the actions say which
 * ioctls reach the kernel. With user-space tracking (the talk's fix) region_del does not
 * unmap: the range waits in `unmapRequested` and is either revived by an identical map
 * or unmapped when a new map conflicts with it.
 */
import { assertEvent, setup } from 'xstate';

export interface IovaRegionContext {
  readonly startIova: number;
  readonly endIova: number;
  readonly tracksInUserspace: boolean;
}

export type IovaRegionEvent =
  | { type: 'iova.map' } // region_add of exactly this range
  | { type: 'iova.unmap' } // region_del of this range
  | { type: 'iova.conflict'; byStartIova: number; byEndIova: number }; // a new map overlaps it

export const iovaRegionMachine = setup({
  types: {
    context: {} as IovaRegionContext,
    input: {} as IovaRegionContext,
    events: {} as IovaRegionEvent,
  },
  actions: {
    // VFIO_IOMMU_MAP_DMA: pins every page of the range.
    mapIoctl: () => {},
    // VFIO_IOMMU_UNMAP_DMA: unpins every page of the range.
    unmapIoctl: () => {},
    // Identical range re-added while still mapped in the kernel: no ioctl at all.
    revive: () => {},
    // region_del remembered in QEMU instead of an ioctl.
    deferUnmap: () => {},
  },
  guards: {
    tracksInUserspace: ({ context }) => context.tracksInUserspace,
    overlaps: ({ context, event }) => {
      assertEvent(event, 'iova.conflict');
      return event.byStartIova < context.endIova && context.startIova < event.byEndIova;
    },
  },
}).createMachine({
  id: 'iovaRegion',
  context: ({ input }) => input,
  initial: 'unmapped',
  states: {
    unmapped: {
      on: { 'iova.map': { target: 'mapped', actions: 'mapIoctl' } },
    },
    mapped: {
      on: {
        'iova.unmap': [
          { guard: 'tracksInUserspace', target: 'unmapRequested', actions: 'deferUnmap' },
          { target: 'unmapped', actions: 'unmapIoctl' },
        ],
        'iova.conflict': { guard: 'overlaps', target: 'conflict', actions: 'unmapIoctl' },
      },
    },
    unmapRequested: {
      on: {
        'iova.map': { target: 'mapped', actions: 'revive' },
        'iova.conflict': { guard: 'overlaps', target: 'conflict', actions: 'unmapIoctl' },
      },
    },
    // Unmapped because a new, different map overlapped it; the range is gone for good.
    conflict: { type: 'final' },
  },
});
