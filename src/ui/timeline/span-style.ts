/** How a span looks: its fill by phase (or kind), its label ink, and whether it is hatched. */
import type { Span } from '../../sim/trace/types.ts';
import type { Phase } from '../../sim/trace/phases.ts';

/** Phases whose fill takes white label ink in the light theme (design-language.md 4). */
export const WHITE_INK: ReadonlySet<Phase> = new Set(['dma-map', 'grub', 'kernel-load']);
/** The configured waits are hatched: exactly what "boot menu off + grub 0" removes. */
const HATCHED: ReadonlySet<Phase> = new Set(['boot-menu', 'grub']);

/** The guest-firmware lane tells the guest's own story in phase colours. */
function guestPhase(name: string): Phase {
  if (name === 'boot menu') return 'boot-menu';
  if (name === 'GRUB') return 'grub';
  if (name === 'kernel') return 'kernel-load';
  return 'firmware';
}

export function spanPhase(span: Span): Phase | undefined {
  if (span.kind === 'guest') return guestPhase(span.name);
  return span.phase;
}

export function spanFill(span: Span): string {
  const phase = spanPhase(span);
  if (span.kind === 'background') return 'var(--bg-work)';
  if (span.kind === 'waiting') return 'var(--wait-fill)';
  if (!phase) return 'var(--bg-work)';
  return `var(--ph-${phase})`;
}

export function spanInk(span: Span): string {
  const phase = spanPhase(span);
  if (span.kind === 'blocked' || span.kind === 'background' || span.kind === 'waiting' || !phase) return 'var(--text-2)';
  return WHITE_INK.has(phase) ? 'var(--ink-light)' : 'var(--ink-dark)';
}

export function isHatched(span: Span): boolean {
  const phase = spanPhase(span);
  return span.kind === 'waiting' || (phase !== undefined && HATCHED.has(phase));
}

export function spanLabel(span: Span): string {
  const repeat = span.repeat !== undefined && span.repeat > 1 ? ` ×${span.repeat}` : '';
  if (span.kind === 'blocked') return `${span.phase ?? ''} · blocked`;
  return `${span.name}${repeat}`;
}
