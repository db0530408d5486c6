/** From a selected timeline span to the resets it stands for, so the rows can light up. */
import type { Span } from '../../sim/trace/types.ts';
import type { ResetIndex } from './reset-index.ts';

export interface ResetLinks {
  readonly spans: ReadonlySet<number>;
  readonly dmaMap: boolean;
}

export function linksForSpan(ix: ResetIndex, span: Span | undefined): ResetLinks {
  const spans = new Set<number>();
  if (!span) return { spans, dmaMap: false };
  const all = ix.rows.flatMap((r) => r.resets);
  if (/^gpu\d+$/.test(span.lane)) {
    if (all.some((r) => r.span.id === span.id)) spans.add(span.id);
  } else if (span.lane === 'qemu-main' && (span.phase === 'pci-reset' || span.phase === 'system-reset')) {
    const reason = span.phase === 'pci-reset' ? 'device-open' : 'system-reset';
    // qemu_system_reset's own (CPU) span stands for every reset #2 it asks for.
    const isResetCall = span.kind === 'phase' && span.work.some((w) => w.cpu);
    for (const r of all) {
      if (r.reason !== reason) continue;
      // A wait covers the resets it joins; an inline reset starts with its span.
      const linked = span.kind === 'blocked' ? r.startUs < span.endUs && r.endUs > span.startUs : isResetCall || r.startUs === span.startUs;
      if (linked) spans.add(r.span.id);
    }
  }
  return { spans, dmaMap: ix.dmaMap.some((d) => d.id === span.id) };
}
