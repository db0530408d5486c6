/**
 * The Charts tab's state: the form, the sweep running in the worker pool, and its result.
 * It outlives the tab's component (which unmounts when another tab is chosen), so a sweep
 * keeps running and its chart is still there on return; one per page, made on first use.
 */
import type { AxisValue, SweepProblem } from '../../sim/analysis/sweep-axis.ts';
import type { SweepRow, SweepSpec } from '../../sim/analysis/sweep.ts';
import type { ChartKind, SeriesPreset } from './presets.ts';
import type { MeasureKey } from './chart-series.ts';
import type { PlanMeta } from './sweep-protocol.ts';
import type { RunSession, RunStatus } from './run-session.ts';
import { defaultThreads, SweepPool } from './sweep-pool.ts';
import SweepWorker from './sweep.worker.ts?worker';

/** Least time between two redraws of a running sweep's chart. */
const REDRAW_MS = 250;

export interface FigureInfo {
  readonly title: string;
  readonly kind: ChartKind;
  /** Ladder series take the colour of the fix they add. */
  readonly ladder: boolean;
  readonly measures: readonly MeasureKey[];
  /** The current scenario's own point, when the sweep is built from it. */
  readonly current?: { readonly x: AxisValue; readonly ms: Readonly<Record<MeasureKey, number>> };
  /** The scenario text the sweep was built from, to say when the editor moved on. */
  readonly ranFor?: string;
  readonly fileStem: string;
}

export class ChartsSession implements RunSession {
  field = $state('guest.ramGiB');
  values = $state('8..256:8');
  preset = $state<SeriesPreset>('current');
  measures = $state<MeasureKey[]>(['vmCreationMs']);
  threads = $state(defaultThreads());

  status = $state<RunStatus>('idle');
  figure = $state.raw<FigureInfo | undefined>(undefined);
  meta = $state.raw<PlanMeta | undefined>(undefined);
  rows = $state.raw<readonly SweepRow[]>([]);
  problems = $state.raw<readonly SweepProblem[]>([]);
  note = $state<string | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** Runs per second and wall time of the last finished sweep. */
  last = $state.raw<{ readonly runs: number; readonly ms: number; readonly threads: number } | undefined>(undefined);

  #pool: SweepPool | undefined;
  #buffer: SweepRow[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #frame: number | undefined;
  #lastFlush = 0;

  get done(): number {
    return this.rows.length;
  }

  get total(): number {
    return this.meta?.total ?? 0;
  }

  /** Problems found before any worker ran (a bad range, a preset that clashes with the axis). */
  reject(problems: readonly SweepProblem[]): void {
    this.cancel();
    this.problems = problems;
    this.status = 'problems';
  }

  async start(spec: SweepSpec, figure: FigureInfo, note?: string): Promise<void> {
    this.#pool ??= new SweepPool(() => new SweepWorker());
    this.#pool.cancel();
    this.figure = figure;
    this.meta = undefined;
    this.rows = [];
    this.#buffer = [];
    this.problems = [];
    this.error = undefined;
    this.note = note;
    this.status = 'running';
    const outcome = await this.#pool.run(spec, this.threads, {
      onPlan: (meta) => (this.meta = meta),
      onProblems: (problems) => (this.problems = problems),
      onRows: (rows) => this.#queue(rows),
    });
    this.#flush();
    switch (outcome.kind) {
      case 'done':
        this.last = outcome;
        this.status = 'done';
        break;
      case 'problems':
        this.status = 'problems';
        break;
      case 'cancelled':
        this.status = 'cancelled';
        break;
      case 'error':
        this.error = outcome.message;
        this.status = 'error';
        break;
    }
  }

  cancel(): void {
    this.#pool?.cancel();
  }

  /**
   * Rows arrive a few at a time from each worker. The chart redraws in an animation frame
   * at most every REDRAW_MS: each redraw costs the page a layout and a paint, and on a
   * two-core machine the workers already take both cores.
   */
  #queue(rows: readonly SweepRow[]): void {
    this.#buffer.push(...rows);
    if (this.#timer !== undefined || this.#frame !== undefined) return;
    const wait = Math.max(0, REDRAW_MS - (performance.now() - this.#lastFlush));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#frame = requestAnimationFrame(() => this.#flush());
    }, wait);
  }

  #flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#frame !== undefined) cancelAnimationFrame(this.#frame);
    this.#timer = undefined;
    this.#frame = undefined;
    this.#lastFlush = performance.now();
    if (this.#buffer.length === 0) return;
    this.rows = this.rows.concat(this.#buffer);
    this.#buffer = [];
  }
}

let session: ChartsSession | undefined;

export function chartsSession(): ChartsSession {
  session ??= new ChartsSession();
  return session;
}
