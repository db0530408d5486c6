/**
 * The scenario an embed starts with: a lesson step's (loaded lazily, so a plain embed never
 * carries the lessons code), a share link's `z` state, or the playground's default. Never
 * throws: a bad lesson or a damaged state falls back to the default with a notice.
 */
import type { Micros } from '../../sim/time.ts';
import type { Trace } from '../../sim/trace/types.ts';
import { DEFAULT_SCENARIO_TEXT } from '../default-scenario.ts';
import { isEmbedView, type EmbedParams, type EmbedView } from './params.ts';

export interface EmbedHeading {
  /** "Lesson 4 · Memory". */
  readonly eyebrow: string;
  readonly title: string;
  /** "Step 1 of 3 · Zero before anyone asks". */
  readonly step?: string;
  readonly lessonId: string;
  readonly stepNumber?: number;
}

export interface EmbedStart {
  readonly text: string;
  readonly view: EmbedView;
  /** Where the playhead starts, from the state or the step (which needs the run to say). */
  readonly seek?: (trace: Trace) => Micros | undefined;
  readonly heading?: EmbedHeading;
  readonly notices: readonly string[];
}

/** What a lesson step contributes; see lesson-start.ts. */
export interface LessonPart {
  readonly text: string;
  readonly view?: EmbedView;
  readonly seek?: (trace: Trace) => Micros | undefined;
  readonly heading: EmbedHeading;
}

export type LessonLookup = { readonly ok: true; readonly part: LessonPart } | { readonly ok: false; readonly message: string };

/** The lessons code, fetched only for an embed that names a lesson. */
const loadLessonPart = async (lesson: string, step: number | undefined): Promise<LessonLookup> =>
  (await import('./lesson-start.ts')).lessonPart(lesson, step);

export async function resolveStart(params: EmbedParams, lessonPart = loadLessonPart): Promise<EmbedStart> {
  const notices = [...params.notices];
  let text: string | undefined;
  let view: EmbedView | undefined;
  let seek: EmbedStart['seek'];
  let heading: EmbedHeading | undefined;

  if (params.lesson !== undefined) {
    const found = await lessonPart(params.lesson, params.step);
    if (found.ok) {
      ({ text, view, seek, heading } = found.part);
    } else {
      notices.push(found.message);
    }
  }
  // A state link overrides the step's scenario (an edited step, shared); the lesson still names it.
  if (params.z !== undefined) {
    // Only a state link needs the inflate code; a lesson or plain embed never loads it.
    const { decodeState } = await import('../url-state.ts');
    const decoded = decodeState(params.z);
    if (decoded.ok) {
      text = decoded.state.scenario;
      if (isEmbedView(decoded.state.view)) view = decoded.state.view;
      const timeUs = decoded.state.timeUs;
      if (timeUs !== undefined) seek = () => timeUs;
    } else {
      notices.push(decoded.message);
    }
  }
  return {
    text: text ?? DEFAULT_SCENARIO_TEXT,
    view: params.view ?? view ?? 'phases',
    ...(seek ? { seek } : {}),
    ...(heading ? { heading } : {}),
    notices,
  };
}
