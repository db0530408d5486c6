/**
 * The embed page's query string, read once into a typed value. A bad parameter never stops
 * the embed: it falls back to the default and says why in `notices`, shown in the embed.
 */
import { ID_PATTERN, parseOrigin } from './contract.ts';

export const EMBED_VIEWS = ['memory', 'iova', 'resets', 'phases', 'none'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
export type ThemeParam = 'light' | 'dark' | 'auto';

export interface EmbedParams {
  /** A lesson folder name ("04-prezero") or number ("4"). */
  readonly lesson?: string;
  /** 1-based step of that lesson. */
  readonly step?: number;
  /** A share link's compressed state (src/app/url-state.ts). */
  readonly z?: string;
  /** Undefined: the state's, the step's, or the lesson's own view, else phases. */
  readonly view?: EmbedView;
  readonly readonly: boolean;
  readonly theme: ThemeParam;
  readonly autoplay: boolean;
  /** The host page's origin: the only one the embed talks to. */
  readonly parent?: string;
  readonly id: string;
  readonly notices: readonly string[];
}

/** A lesson has a handful of steps; the same bound as share links (url-state.ts). */
const MAX_STEP = 99;

export const isEmbedView = (v: unknown): v is EmbedView => EMBED_VIEWS.some((x) => x === v);

/** A flag is on when present ("?readonly", "readonly=1", "=true", "=yes"), off for "0", "false", "no". */
function flag(params: URLSearchParams, name: string): boolean {
  const v = params.get(name);
  if (v === null) return false;
  return !['0', 'false', 'no', 'off'].includes(v.trim().toLowerCase());
}

export function readEmbedParams(search: string): EmbedParams {
  const q = new URLSearchParams(search);
  const notices: string[] = [];

  const lessonRaw = q.get('lesson')?.trim();
  const lesson = lessonRaw && /^[a-z0-9-]{1,64}$/i.test(lessonRaw) ? lessonRaw : undefined;
  if (lessonRaw && !lesson) notices.push(`"${lessonRaw.slice(0, 40)}" is not a lesson name; showing the default scenario.`);

  const stepRaw = q.get('step');
  let step: number | undefined;
  if (stepRaw !== null) {
    // Plain digits only: Number() would also take "1e300" and "0x10".
    const n = /^[0-9]{1,2}$/.test(stepRaw.trim()) ? Number(stepRaw.trim()) : NaN;
    if (n >= 1 && n <= MAX_STEP) step = n;
    else notices.push(`step must be a whole number from 1 to ${MAX_STEP} (it was "${stepRaw.slice(0, 20)}").`);
  }

  const viewRaw = q.get('view');
  const view = isEmbedView(viewRaw) ? viewRaw : undefined;
  if (viewRaw !== null && !view) notices.push(`view must be one of ${EMBED_VIEWS.join(', ')} (it was "${viewRaw.slice(0, 20)}").`);

  const themeRaw = q.get('theme');
  const theme: ThemeParam = themeRaw === 'light' || themeRaw === 'dark' ? themeRaw : 'auto';

  const parentRaw = q.get('parent');
  const parent = parseOrigin(parentRaw);

  const idRaw = q.get('id');
  const id = idRaw !== null && ID_PATTERN.test(idRaw) ? idRaw : 'bootline';

  const z = q.get('z') || undefined;

  return {
    ...(lesson !== undefined ? { lesson } : {}),
    ...(step !== undefined ? { step } : {}),
    ...(z !== undefined ? { z } : {}),
    ...(view !== undefined ? { view } : {}),
    readonly: flag(q, 'readonly'),
    theme,
    autoplay: flag(q, 'autoplay'),
    ...(parent !== undefined ? { parent } : {}),
    id,
    notices,
  };
}
