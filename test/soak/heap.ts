/**
 * The page's memory through the DevTools protocol: the JS heap after a full garbage
 * collection (what the page still holds, not what it has yet to free), the DOM's node and
 * listener counts, and the scenario models Monaco still holds, read from a heap snapshot.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface MemorySample {
  /** JS heap in use after a forced full collection, in bytes. */
  readonly heapBytes: number;
  readonly domNodes: number;
  readonly listeners: number;
}

export async function openMemory(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

export async function sampleMemory(cdp: CDPSession): Promise<MemorySample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { heapBytes: heap.usedSize, domNodes: dom.nodes, listeners: dom.jsEventListeners };
}

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly edge_fields: string[]; readonly edge_types: [string[]] } };
  readonly nodes: number[];
  readonly edges: number[];
  readonly strings: string[];
}

async function takeSnapshot(cdp: CDPSession): Promise<Snapshot> {
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.disable');
  }
  return JSON.parse(chunks.join('')) as Snapshot;
}

/**
 * The scenario models the page's heap still holds, disposed or not, by URI. Monaco is not
 * reachable from the page and a production build names no classes, so a model is found by
 * its shape: an object with Monaco's TextModel fields `_buffer` and `_associatedResource`,
 * whose URI is one src/ui/editor/monaco-setup.ts gives a scenario
 * ("inmemory://bootline/scenario[-N].jsonc").
 */
export async function scenarioModels(cdp: CDPSession): Promise<string[]> {
  const snap = await takeSnapshot(cdp);
  const { node_fields: nf, edge_fields: ef, edge_types: [edgeTypes] } = snap.snapshot.meta;
  const { nodes, edges, strings } = snap;
  const N = nf.length;
  const E = ef.length;
  const [nName, nEdges] = [nf.indexOf('name'), nf.indexOf('edge_count')];
  const [eType, eName, eTo] = [ef.indexOf('type'), ef.indexOf('name_or_index'), ef.indexOf('to_node')];
  const property = edgeTypes.indexOf('property');
  const firstEdge: number[] = [];
  for (let i = 0, e = 0; i < nodes.length; i += N) {
    firstEdge.push(e);
    e += (nodes[i + nEdges] ?? 0) * E;
  }
  /** The node a named property of node `n` (an index into nodes) points at. */
  const prop = (n: number, key: string): number | undefined => {
    const from = firstEdge[n / N] ?? 0;
    const to = from + (nodes[n + nEdges] ?? 0) * E;
    for (let e = from; e < to; e += E) {
      if (edges[e + eType] === property && strings[edges[e + eName] ?? -1] === key) return edges[e + eTo];
    }
    return undefined;
  };
  const found: string[] = [];
  for (let n = 0; n < nodes.length; n += N) {
    if (prop(n, '_buffer') === undefined) continue;
    const uri = prop(n, '_associatedResource');
    const formatted = uri === undefined ? undefined : prop(uri, '_formatted');
    const text = formatted === undefined ? undefined : strings[nodes[formatted + nName] ?? -1];
    if (text !== undefined && /^inmemory:\/\/bootline\/scenario(-\d+)?\.jsonc$/.test(text)) found.push(text);
  }
  return found.sort();
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
