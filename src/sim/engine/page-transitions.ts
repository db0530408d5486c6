/**
 * The page machine as a table: (state, event) -> (next state, actions). Derived once from
 * the XState definition with its pure `transition` function, so the machine stays the one
 * definition of page behaviour while extents of millions of pages use a table lookup.
 */
import { transition } from 'xstate';
import {
  PAGE_ACTIONS,
  PAGE_EVENTS,
  PAGE_STATES,
  pageMachine,
  type PageAction,
  type PageEvent,
  type PageState,
} from '../machines/page.machine.ts';

export interface PageTransition {
  readonly next: PageState;
  readonly actions: readonly PageAction[];
}

type Table = ReadonlyMap<PageState, ReadonlyMap<PageEvent['type'], PageTransition>>;

function isPageState(v: unknown): v is PageState {
  return typeof v === 'string' && (PAGE_STATES as readonly string[]).includes(v);
}

function isPageAction(v: unknown): v is PageAction {
  return typeof v === 'string' && (PAGE_ACTIONS as readonly string[]).includes(v);
}

function buildTable(): Table {
  const table = new Map<PageState, Map<PageEvent['type'], PageTransition>>();
  for (const state of PAGE_STATES) {
    const row = new Map<PageEvent['type'], PageTransition>();
    const snapshot = pageMachine.resolveState({ value: state, context: {} });
    for (const type of PAGE_EVENTS) {
      const [next, actions] = transition(pageMachine, snapshot, { type });
      const names = actions.map((a) => a.type).filter(isPageAction);
      if (!isPageState(next.value)) throw new Error(`page machine reached a non-atomic state from ${state} on ${type}`);
      if (next.value === state && names.length === 0) continue; // no transition for this event
      row.set(type, { next: next.value, actions: names });
    }
    table.set(state, row);
  }
  return table;
}

export const PAGE_TABLE: Table = buildTable();

/** The transition for a state and event, or undefined when the page ignores the event. */
export function pageTransition(state: PageState, event: PageEvent['type']): PageTransition | undefined {
  return PAGE_TABLE.get(state)?.get(event);
}
