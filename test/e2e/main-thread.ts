/**
 * Main-thread tasks from a Chromium trace, with their wall time and the CPU time the thread
 * actually ran. A long task (over 50 ms of wall time) with little CPU time was the operating
 * system running something else, not the page's own work; the two together tell them apart.
 */
import type { Page } from 'playwright-core';

export interface MainTask {
  readonly startMs: number;
  readonly wallMs: number;
  readonly cpuMs: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

export async function traceMainThread(page: Page): Promise<() => Promise<MainTask[]>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  return async () => {
    const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    if (!stream) throw new Error('the trace came back without a stream');
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream });
      text += chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    await cdp.detach();
    const parsed: unknown = JSON.parse(text);
    // Chrome writes either a bare event array or { traceEvents: [...] }.
    const list: unknown = typeof parsed === 'object' && parsed !== null && 'traceEvents' in parsed ? parsed.traceEvents : parsed;
    const events: readonly TraceEvent[] = Array.isArray(list) ? list : [];
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    if (!main) throw new Error('no renderer main thread in the trace');
    return events
      .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined)
      .map((e) => ({ startMs: e.ts / 1_000, wallMs: (e.dur ?? 0) / 1_000, cpuMs: (e.tdur ?? 0) / 1_000 }));
  };
}
