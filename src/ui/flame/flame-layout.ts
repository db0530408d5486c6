/**
 * Icicle geometry: where each frame of a call tree goes, given the frame the user zoomed
 * into. Callers sit above their callees and a frame's width is its time, so every row
 * reads left to right like the flame graphs in the talk, only upside down (the lanes, the
 * first level, stay at the top where the eye starts). Pure, so it is tested without a DOM
 * and shared by the plain, two-run and difference graphs.
 */

export interface TreeAccess<N> {
  readonly key: (n: N) => string;
  readonly children: (n: N) => readonly N[];
  /** The width a node asks for, in the tree's unit (microseconds). */
  readonly size: (n: N) => number;
}

export type CellRole = 'ancestor' | 'focus' | 'inner';

export interface Cell<N> {
  readonly node: N;
  /** Keys from the root's child down to this node: what zoom and colour look up. */
  readonly path: readonly string[];
  readonly depth: number;
  /** Pixels from the left edge. */
  readonly x: number;
  readonly w: number;
  /** Ancestors of the zoomed frame span the whole width, dimmed, and zoom back out on click. */
  readonly role: CellRole;
}

export interface LayoutOptions {
  readonly width: number;
  /** Keys of the zoomed frame (empty: the root). A path that does not exist stops where it breaks. */
  readonly focus: readonly string[];
  /**
   * The size that fills the width (default: the zoomed node's own). Two runs drawn on one
   * scale pass the larger of their two sizes, so the shorter run is visibly narrower.
   */
  readonly fullSize?: number;
  /** Cells narrower than this many pixels are left out (their time is still in the parent). */
  readonly minWidth?: number;
}

export interface Layout<N> {
  readonly cells: readonly Cell<N>[];
  /** Rows, the root's row included. */
  readonly depth: number;
  /** The node the view is zoomed into (the root when the focus path is empty or broken). */
  readonly focus: N;
  /** The part of the focus path that exists in this tree. */
  readonly focusPath: readonly string[];
}

/** Follows `path` from `root` as far as it exists. */
export function findPath<N>(root: N, path: readonly string[], t: TreeAccess<N>): { readonly nodes: readonly N[]; readonly found: boolean } {
  const nodes: N[] = [root];
  let cur = root;
  for (const k of path) {
    const next = t.children(cur).find((c) => t.key(c) === k);
    if (next === undefined) return { nodes, found: false };
    nodes.push(next);
    cur = next;
  }
  return { nodes, found: true };
}

export function layoutIcicle<N>(root: N, t: TreeAccess<N>, o: LayoutOptions): Layout<N> {
  const minWidth = o.minWidth ?? 0.5;
  const { nodes } = findPath(root, o.focus, t);
  const focus = nodes[nodes.length - 1] ?? root;
  const focusPath = nodes.slice(1).map(t.key);
  const full = o.fullSize ?? t.size(focus);
  const pxPer = full > 0 ? o.width / full : 0;
  const cells: Cell<N>[] = [];
  let depth = 0;
  // Ancestors (and the focus) as full-width bars: where the zoomed frame sits in its stack.
  nodes.forEach((n, i) => {
    const role: CellRole = i === nodes.length - 1 ? 'focus' : 'ancestor';
    const w = role === 'focus' ? t.size(n) * pxPer : o.width;
    cells.push({ node: n, path: nodes.slice(1, i + 1).map(t.key), depth: i, x: 0, w, role });
    depth = i + 1;
  });
  const visit = (n: N, path: readonly string[], d: number, x: number): void => {
    let cx = x;
    for (const c of t.children(n)) {
      const w = t.size(c) * pxPer;
      const p = [...path, t.key(c)];
      if (w >= minWidth) {
        cells.push({ node: c, path: p, depth: d, x: cx, w, role: 'inner' });
        depth = Math.max(depth, d + 1);
        visit(c, p, d + 1, cx);
      }
      cx += w;
    }
  };
  visit(focus, focusPath, nodes.length, 0);
  return { cells, depth, focus, focusPath };
}

/**
 * Where a click on a frame zooms to: into the frame, or out one level when it is the frame
 * already zoomed into, so a second click on it undoes the first. A dimmed caller's path is
 * a prefix of the focus, so clicking one zooms back out to it.
 */
export function zoomTarget(cell: Pick<Cell<unknown>, 'path' | 'role'>): readonly string[] {
  return cell.role === 'focus' ? cell.path.slice(0, -1) : cell.path;
}

/** A label cut to fit `widthPx` at `charPx` per character, with an ellipsis; '' when nothing fits. */
export function fitLabel(text: string, widthPx: number, charPx: number, padPx = 8): string {
  const room = Math.floor((widthPx - padPx) / charPx);
  if (room >= text.length) return text;
  // Two letters and an ellipsis say nothing; leave such frames to the hover card.
  if (room < 5) return '';
  return `${text.slice(0, room - 1)}…`;
}

/** The path as one string, for maps and data attributes. */
export function pathId(path: readonly string[]): string {
  return path.join('\u001f');
}
