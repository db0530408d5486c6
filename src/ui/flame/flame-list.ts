/**
 * The flame graph in words: the frames that cost the most time themselves (with the path
 * to zoom to them), and which drawn frames a search matches. The list is the graph's text
 * alternative and its keyboard route.
 */
import type { FlameNode } from '../../sim/analysis/flame.ts';

export interface TopFrame {
  readonly path: readonly string[];
  readonly name: string;
  /** The lane's key (first path element). */
  readonly laneKey: string;
  readonly selfUs: number;
  readonly totalUs: number;
  readonly offCpu: boolean;
}

/** Frames by self time, largest first; a frame seen on several paths is listed per path. */
export function topFrames(tree: FlameNode, count: number): TopFrame[] {
  const out: TopFrame[] = [];
  const visit = (n: FlameNode, path: readonly string[]) => {
    for (const c of n.children) {
      const p = [...path, c.key];
      if (c.kind === 'frame' && c.selfUs > 0) {
        out.push({ path: p, name: c.name, laneKey: p[0] ?? '', selfUs: c.selfUs, totalUs: c.totalUs, offCpu: c.offCpu });
      }
      visit(c, p);
    }
  };
  visit(tree, []);
  return out.sort((a, b) => b.selfUs - a.selfUs || (a.name < b.name ? -1 : 1)).slice(0, count);
}

/** Ids of drawn cells whose frame name contains the query (case does not matter), as searchFlame matches. */
export function matchingIds(cells: readonly { readonly id: string; readonly kind: string; readonly name: string }[], query: string): ReadonlySet<string> | undefined {
  const q = query.trim().toLowerCase();
  if (q === '') return undefined;
  return new Set(cells.filter((c) => c.kind === 'frame' && c.name.toLowerCase().includes(q)).map((c) => c.id));
}
