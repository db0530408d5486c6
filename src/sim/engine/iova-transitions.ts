/**
 * The IOVA region machine as a table, like the page machine: (state, event) -> (next,
 * actions), derived once per tracking mode with XState's pure `transition`. The listener
 * only sends `iova.conflict` for an overlapping map, so the table is built with one.
 */
import { initialTransition, transition } from 'xstate';
import { iovaRegionMachine, type IovaRegionEvent } from '../machines/iova-region.machine.ts';

export const IOVA_STATES = ['unmapped', 'mapped', 'unmapRequested', 'conflict'] as const;
export type IovaState = (typeof IOVA_STATES)[number];
export type IovaAction = 'mapIoctl' | 'unmapIoctl' | 'revive' | 'deferUnmap';

export interface IovaTransition {
  readonly next: IovaState;
  readonly actions: readonly IovaAction[];
}

type Table = ReadonlyMap<IovaState, ReadonlyMap<IovaRegionEvent['type'], IovaTransition>>;

const EVENTS: readonly IovaRegionEvent[] = [
  { type: 'iova.map' },
  { type: 'iova.unmap' },
  // Overlaps the representative region [0, 2) below.
  { type: 'iova.conflict', byStartIova: 1, byEndIova: 3 },
];

const isState = (v: unknown): v is IovaState => typeof v === 'string' && (IOVA_STATES as readonly string[]).includes(v);
const isAction = (v: string): v is IovaAction => ['mapIoctl', 'unmapIoctl', 'revive', 'deferUnmap'].includes(v);

function build(tracksInUserspace: boolean): Table {
  const [initial] = initialTransition(iovaRegionMachine, { startIova: 0, endIova: 2, tracksInUserspace });
  const table = new Map<IovaState, Map<IovaRegionEvent['type'], IovaTransition>>();
  for (const state of IOVA_STATES) {
    const row = new Map<IovaRegionEvent['type'], IovaTransition>();
    const snapshot = iovaRegionMachine.resolveState({ value: state, context: initial.context });
    for (const event of EVENTS) {
      const [next, actions] = transition(iovaRegionMachine, snapshot, event);
      const names = actions.map((a) => a.type).filter(isAction);
      if (!isState(next.value)) throw new Error(`IOVA region machine reached ${String(next.value)}`);
      if (next.value === state && names.length === 0) continue;
      row.set(event.type, { next: next.value, actions: names });
    }
    table.set(state, row);
  }
  return table;
}

const TABLES = { tracking: build(true), plain: build(false) };

export function iovaTransition(tracksInUserspace: boolean, state: IovaState, event: IovaRegionEvent['type']): IovaTransition | undefined {
  return (tracksInUserspace ? TABLES.tracking : TABLES.plain).get(state)?.get(event);
}
