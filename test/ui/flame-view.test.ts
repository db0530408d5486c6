/**
 * The Flame tab's pure parts against real runs: the icicle's geometry nests, frames take
 * their phase's colour only when all their time is in it, difference widths hold their
 * children, and the function table's outermost savings add up to the busy-time saving.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flameTree, type FlameNode } from '../../src/sim/analysis/flame.ts';
import { diffFlame, type FlameDiffNode } from '../../src/sim/analysis/flame-diff.ts';
import { functionTable } from '../../src/sim/analysis/functions.ts';
import { talkBaseline } from '../../src/sim/analysis/attribution.ts';
import { run } from '../../src/sim/engine/run.ts';
import { findPath, fitLabel, layoutIcicle, pathId, zoomTarget } from '../../src/ui/flame/flame-layout.ts';
import { framePhases } from '../../src/ui/flame/flame-phase.ts';
import { diffAccess, diffMix, diffSize, plainAccess, plainCell, signedDuration } from '../../src/ui/flame/flame-style.ts';
import { matchingIds, topFrames } from '../../src/ui/flame/flame-list.ts';
import { countedUs, depths, nextSort, savedText, savings, sortRows } from '../../src/ui/flame/function-rows.ts';
import { ALL_FIXES, runValue } from '../sim/helpers.ts';
import { scenarioArb } from '../sim/analysis/scenario-arb.ts';

const BASE = runValue({});
const FIXED = runValue({ guest: { memoryBacking: 'thp' }, host: { freePool: { prezeroedShare: 0.6 } }, optimizations: ALL_FIXES, firmware: { bootMenu: false, grubTimeoutS: 0 } });
const QEMU_PIN = ['lane:qemu-main', 'qemu: main', 'qemu_init', 'qdev_device_add', 'vfio_realize', 'vfio_get_group', 'vfio_connect_container',
  'memory_listener_register', 'vfio_listener_region_add', 'vfio_dma_map', 'ioctl(VFIO_IOMMU_MAP_DMA)', 'vfio_dma_do_map', 'vfio_pin_map_dma'];

describe('icicle layout', () => {
  it('nests every frame inside its caller, at widths proportional to time', () => {
    const tree = flameTree(BASE);
    const lay = layoutIcicle(tree, plainAccess, { width: 1000, focus: [], minWidth: 0 });
    const byId = new Map(lay.cells.map((c) => [pathId(c.path), c]));
    for (const c of lay.cells) {
      if (c.path.length === 0) continue;
      const parent = byId.get(pathId(c.path.slice(0, -1)));
      if (!parent) throw new Error(`no parent for ${c.path.join(' / ')}`);
      expect(c.depth).toBe(parent.depth + 1);
      expect(c.x).toBeGreaterThanOrEqual(parent.x - 1e-6);
      expect(c.x + c.w).toBeLessThanOrEqual(parent.x + parent.w + 1e-6);
      expect(c.w).toBeCloseTo((c.node.totalUs / tree.totalUs) * 1000, 6);
    }
    expect(lay.depth).toBe(Math.max(...lay.cells.map((c) => c.depth)) + 1);
  });

  it('zooms: the focus fills the width, its callers span it dimmed, a broken path stops where it breaks', () => {
    const tree = flameTree(BASE);
    const lay = layoutIcicle(tree, plainAccess, { width: 800, focus: QEMU_PIN });
    const focus = lay.cells.find((c) => c.role === 'focus');
    expect(focus?.w).toBeCloseTo(800, 6);
    expect(focus?.depth).toBe(QEMU_PIN.length);
    expect(lay.cells.filter((c) => c.role === 'ancestor')).toHaveLength(QEMU_PIN.length);
    expect(lay.cells.filter((c) => c.role === 'inner').every((c) => c.path.length > QEMU_PIN.length)).toBe(true);
    const broken = layoutIcicle(tree, plainAccess, { width: 800, focus: ['lane:qemu-main', 'no such frame'] });
    expect(broken.focusPath).toEqual(['lane:qemu-main']);
    expect(findPath(tree, ['lane:nope'], plainAccess).found).toBe(false);
    // Two runs on one scale: the shorter one is narrower.
    const b = layoutIcicle(flameTree(FIXED), plainAccess, { width: 800, focus: [], fullSize: tree.totalUs });
    expect(b.cells[0]?.w).toBeLessThan(800 * 0.3);
  });

  it('zooms by click: into a frame, out one level from the focus, back out to a dimmed caller', () => {
    const tree = flameTree(BASE);
    const lay = layoutIcicle(tree, plainAccess, { width: 800, focus: QEMU_PIN });
    const focus = lay.cells.find((c) => c.role === 'focus');
    if (!focus) throw new Error('no focus cell');
    expect(zoomTarget(focus)).toEqual(QEMU_PIN.slice(0, -1));
    for (const c of lay.cells.filter((x) => x.role === 'ancestor')) expect(zoomTarget(c)).toEqual(c.path);
    // A click on a callee makes it the focus of the next layout; a click on that focus undoes it.
    const callee = lay.cells.find((c) => c.role === 'inner');
    if (!callee) throw new Error('the zoomed frame has no callee');
    const next = layoutIcicle(tree, plainAccess, { width: 800, focus: zoomTarget(callee) });
    const nextFocus = next.cells.find((c) => c.role === 'focus');
    expect(nextFocus?.path).toEqual(callee.path);
    if (!nextFocus) throw new Error('no focus cell after zooming in');
    expect(layoutIcicle(tree, plainAccess, { width: 800, focus: zoomTarget(nextFocus) }).focusPath).toEqual(QEMU_PIN);
  });

  it('cuts labels to fit, never to two letters', () => {
    expect(fitLabel('clear_page_erms', 200, 6.6)).toBe('clear_page_erms');
    expect(fitLabel('clear_page_erms', 60, 6.6)).toBe('clear_…');
    expect(fitLabel('clear_page_erms', 30, 6.6)).toBe('');
  });
});

describe('frame colours', () => {
  it('give a frame its phase when all of its time is in that phase, else stay neutral', () => {
    const p = framePhases(BASE);
    expect(p.get(pathId([...QEMU_PIN]))).toBe('dma-map');
    // Page clearing under the DMA map is DMA mapping; under a new memslot's metadata (kvcalloc), KVM's.
    const clear = [...p.entries()].filter(([id]) => id.endsWith('clear_page_erms'));
    expect(clear.length).toBeGreaterThan(2);
    for (const [id, ph] of clear) expect(ph, id).toBe(id.includes('vfio_dma_map') ? 'dma-map' : 'kvm-memslots');
    expect(p.get(pathId(['lane:qemu-main', 'qemu: main']))).toBe('mixed');
    expect(p.get(pathId(['lane:qemu-main', 'qemu: main', 'qemu_init', 'qdev_device_add', 'vfio_realize', 'vfio_get_device']))).toBe('pci-reset');
    expect(clear.some(([id]) => id.startsWith('lane:vcpu0') && id.includes('vfio_dma_map'))).toBe(true);
    const tree = flameTree(BASE);
    const lay = layoutIcicle(tree, plainAccess, { width: 1000, focus: [] });
    const cells = lay.cells.map((c) => plainCell(c, p));
    expect(cells.find((c) => c.kind === 'lane')?.fill).toBe('var(--sunken)');
    expect(cells.filter((c) => c.fill === 'var(--ph-dma-map)').every((c) => c.ink === 'var(--ink-light)')).toBe(true);
    expect(cells.filter((c) => c.hatched).every((c) => c.name !== '' && c.totalUs > 0)).toBe(true);
    expect(matchingIds(cells, 'CLEAR_PAGE')?.size).toBeGreaterThan(0);
  });

  it('size difference frames by the larger run, widened to hold their children', () => {
    const d = diffFlame(flameTree(BASE), flameTree(FIXED));
    const visit = (n: FlameDiffNode) => {
      expect(diffSize(n)).toBeGreaterThanOrEqual(Math.max(n.a.totalUs, n.b.totalUs));
      expect(diffSize(n)).toBeGreaterThanOrEqual(n.children.reduce((s, c) => s + diffSize(c), 0) - 1e-6);
      const mix = diffMix(n);
      expect(mix === 0 || (mix >= 12 && mix <= 50)).toBe(true);
      n.children.forEach(visit);
    };
    visit(d);
    const lay = layoutIcicle(d, diffAccess, { width: 900, focus: [], minWidth: 0 });
    expect(lay.cells[0]?.w).toBeCloseTo(900, 6);
    expect(signedDuration(-56_100_000)).toBe('−56.10 s');
    expect(signedDuration(0)).toBe('±0 µs');
  });

  it('lists the costliest frames by self time', () => {
    const top = topFrames(flameTree(BASE), 5);
    expect(top[0]?.name).toBe('clear_page_erms');
    for (let i = 1; i < top.length; i++) expect(top[i - 1]?.selfUs ?? 0).toBeGreaterThanOrEqual(top[i]?.selfUs ?? 0);
  });
});

describe('function cost table', () => {
  it('adds up: counted savings plus other stacks give the busy-time saving', () => {
    const t = functionTable(BASE, FIXED);
    const s = savings(t);
    const row = (frame: string) => {
      const r = t.rows.find((x) => x.frame === frame);
      if (!r) throw new Error(`no row ${frame}`);
      return r;
    };
    expect(countedUs(row('vfio_listener_region_add'))).toBe(row('vfio_listener_region_add').savedUs);
    expect(countedUs(row('clear_page_erms'))).toBeUndefined();
    expect(s.sumUs).toBe(s.totalUs);
    expect(s.totalUs).toBe(t.busy.a.totalUs - t.busy.b.totalUs);
    fc.assert(fc.property(scenarioArb, (v) => {
      const b = runValue(v);
      const a = run(talkBaseline(b.scenario));
      const sv = savings(functionTable(a, b));
      expect(sv.sumUs).toBe(sv.totalUs);
    }), { numRuns: 15 });
  });

  it('sorts by a column, flips on a second click, and indents callees under callers', () => {
    const t = functionTable(BASE, FIXED);
    const bySaved = sortRows(t.rows, nextSort({ key: 'order', dir: 'asc' }, 'saved'));
    for (let i = 1; i < bySaved.length; i++) expect(bySaved[i - 1]?.savedUs ?? 0).toBeGreaterThanOrEqual(bySaved[i]?.savedUs ?? 0);
    expect(nextSort({ key: 'saved', dir: 'desc' }, 'saved')).toEqual({ key: 'saved', dir: 'asc' });
    const d = depths(t.rows);
    expect(d.get('vfio_listener_region_add')).toBe(0);
    expect(d.get('vfio_dma_map')).toBe(1);
    expect(d.get('clear_page_erms') ?? 0).toBeGreaterThan(d.get('vfio_pin_pages_remote') ?? 0);
    expect(savedText(1_234_500)).toBe('↓ 1,234.5');
    expect(savedText(-12_000)).toBe('↑ −12.0');
    expect(savedText(10)).toBe('±0.0');
  });
});

function count(n: FlameNode): number {
  return 1 + n.children.reduce((s, c) => s + count(c), 0);
}
it('flame trees of these runs are small enough to draw as SVG', () => {
  expect(count(flameTree(BASE))).toBeLessThan(1_000);
});
