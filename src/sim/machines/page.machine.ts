/**
 * One physical page of host memory, as the pre-zeroing RFC and VFIO pinning see it.
 * The engine never runs one actor per page (a 1 TiB guest has 268 M of them): it derives
 * a transition table from this machine (page-table.ts) and applies it to extents of pages
 * and to the per-page detail window. Actions name the work a transition costs; the model
 * prices them and the counters count them.
 */
import { setup } from 'xstate';

export type PageEvent =
  | { type: 'page.zero.start' } // the pre-zero worker takes a dirty free page
  | { type: 'page.zero.done' } // ... and sets PG_zero
  | { type: 'page.alloc' } // a fault allocates the page for the guest (GFP_ZERO)
  | { type: 'page.pin' } // VFIO pins it (get_user_pages + IOMMU map)
  | { type: 'page.unpin' } // VFIO unmaps and unpins it
  | { type: 'page.free' } // the owner frees it (QEMU exits)
  | { type: 'page.report' }; // free page reporting hands it to the worker

export const PAGE_EVENTS = [
  'page.zero.start',
  'page.zero.done',
  'page.alloc',
  'page.pin',
  'page.unpin',
  'page.free',
  'page.report',
] as const satisfies readonly PageEvent['type'][];

export const PAGE_STATES = ['dirtyFree', 'beingZeroed', 'zeroedFree', 'allocated', 'pinned', 'freed'] as const;
export type PageState = (typeof PAGE_STATES)[number];

/** Work a page transition implies; priced by src/sim/model, counted in the Trace. */
export const PAGE_ACTIONS = ['fault', 'zeroInline', 'skipZeroing', 'workerZero', 'pin', 'unpin', 'clearPgZero'] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

export const pageMachine = setup({
  types: { events: {} as PageEvent },
  // The machine only names the work; the engine counts and prices it.
  actions: {
    fault: () => {},
    zeroInline: () => {},
    skipZeroing: () => {},
    workerZero: () => {},
    pin: () => {},
    unpin: () => {},
    clearPgZero: () => {},
  },
}).createMachine({
  id: 'page',
  initial: 'dirtyFree',
  states: {
    dirtyFree: {
      on: {
        'page.zero.start': 'beingZeroed',
        // __GFP_ZERO allocation of a page without PG_zero: clear_page_erms inline.
        'page.alloc': { target: 'allocated', actions: ['fault', 'zeroInline'] },
      },
    },
    beingZeroed: {
      // Page reporting isolates the page from the free lists, so nothing allocates it now.
      on: { 'page.zero.done': { target: 'zeroedFree', actions: 'workerZero' } },
    },
    zeroedFree: {
      // The RFC: clear_highpage returns early when TestClearPageZero(page) is set.
      on: { 'page.alloc': { target: 'allocated', actions: ['fault', 'skipZeroing'] } },
    },
    allocated: {
      on: {
        'page.pin': { target: 'pinned', actions: 'pin' },
        'page.free': 'freed',
      },
    },
    pinned: {
      on: {
        // Another container pinning the same page takes another reference.
        'page.pin': { target: 'pinned', actions: 'pin' },
        'page.unpin': { target: 'allocated', actions: 'unpin' },
      },
    },
    freed: {
      // free_pages_prepare clears PG_zero; the page waits to be reported to the worker.
      on: {
        'page.report': { target: 'dirtyFree', actions: 'clearPgZero' },
        'page.alloc': { target: 'allocated', actions: ['fault', 'zeroInline'] },
      },
    },
  },
});
