/**
 * The talk's "main QEMU functions accumulated time cost comparison (unit: ms)" as data:
 * for a list of interesting functions, the time spent in each including its callees, in
 * run A and run B, and the saving. A function that appears twice in one stack (a pin
 * thread's vfio_pin_pages_remote calls the one of the GUP path) counts once for that
 * stack, the way perf's "children" column does, so the figures equal the flame graph's
 * search for the same frame.
 *
 * Functions nest (vfio_dma_map runs under vfio_listener_region_add), so the rows do not
 * add up. What does add up: each stack's time goes to the outermost listed function on it
 * (its `rootUs`), or to `unlisted` when it holds none; those parts sum to the busy time of
 * all lanes. A function never called under another listed one is top-level, and its
 * rootUs is its whole total.
 */
import type { Micros } from '../time.ts';
import type { Trace } from '../trace/types.ts';
import { traceStacks } from '../model/stack-frames.ts';

export type FunctionLayer = 'qemu' | 'kernel' | 'guest';

export interface FunctionInfo {
  /** The frame as the stacks spell it (model/stacks.ts). */
  readonly frame: string;
  /** What the time in it is, for a table or a hover. */
  readonly label: string;
  readonly layer: FunctionLayer;
}

/**
 * The functions the table lists when they occur in the runs' stacks: the talk's hot spots
 * (pinning and zeroing, DMA map and unmap, KVM metadata, resets) and the firmware waits,
 * in pipeline order, callers before callees. The outermost ones (vfio_listener_region_add,
 * vfio_get_device, qemu_system_reset, kvm_set_phys_mem, the guest's waits) follow the
 * talk's sections, and each is entered the same way on every thread of a plain run, so
 * their savings add up. vfio_realize is left out on purpose: it would put the realize-time
 * DMA map under it but not the vCPU's (PAM writes, BAR decode), splitting one cost in two.
 */
export const TALK_FUNCTIONS: readonly FunctionInfo[] = [
  { frame: 'do_touch_pages', label: 'QEMU preallocation threads touching guest RAM', layer: 'qemu' },
  { frame: 'kvm_set_phys_mem', label: 'KVM memslot add and delete (guest RAM, BARs, PAM changes)', layer: 'qemu' },
  { frame: 'kvm_arch_create_memslot', label: 'zeroed rmap and page-track metadata of a new memslot', layer: 'kernel' },
  { frame: 'kvm_mmu_slot_set_dirty', label: 'rmap walk of a new memslot with PML (before 5.8)', layer: 'kernel' },
  { frame: 'kvm_slot_sync_dirty_pages', label: 'dirty bitmap work of BAR memslots', layer: 'qemu' },
  { frame: 'vfio_listener_region_add', label: 'the VFIO memory listener mapping a RAM or BAR section', layer: 'qemu' },
  { frame: 'vfio_listener_region_del', label: 'the VFIO memory listener unmapping a section (PAM writes)', layer: 'qemu' },
  { frame: 'vfio_dma_map', label: 'VFIO_IOMMU_MAP_DMA from QEMU', layer: 'qemu' },
  { frame: 'vfio_dma_unmap', label: 'VFIO_IOMMU_UNMAP_DMA from QEMU', layer: 'qemu' },
  { frame: 'padata_do_multithreaded', label: 'pinning split over kernel threads', layer: 'kernel' },
  { frame: 'vfio_pin_pages_remote', label: 'pinning guest pages (and BAR page frames) for DMA', layer: 'kernel' },
  { frame: 'get_user_pages', label: 'page-by-page GUP, one call per 4 KiB page', layer: 'kernel' },
  { frame: 'pin_user_pages_remote', label: 'batched GUP, up to 512 pages per call (5.12+)', layer: 'kernel' },
  { frame: 'get_user_ct_pages_longterm', label: 'bulk GUP of a physically contiguous run (the talk)', layer: 'kernel' },
  { frame: 'handle_mm_fault', label: 'faulting in a page not yet present', layer: 'kernel' },
  { frame: 'hugetlb_fault', label: 'faulting in a hugetlbfs page', layer: 'kernel' },
  { frame: 'clear_page_erms', label: 'zeroing pages (rep stosb)', layer: 'kernel' },
  { frame: 'vfio_iommu_map', label: 'IOMMU page-table entries for pinned pages', layer: 'kernel' },
  { frame: 'vfio_unmap_unpin', label: 'unmapping and unpinning a range', layer: 'kernel' },
  { frame: 'follow_pte', label: 'per-page PFN walk of a BAR (before the raw-PFN fix)', layer: 'kernel' },
  { frame: 'vfio_get_device', label: 'opening a device: reset #1 (VFIO_GROUP_GET_DEVICE_FD)', layer: 'qemu' },
  { frame: 'qemu_system_reset', label: 'system reset before the vCPUs start', layer: 'qemu' },
  { frame: 'vfio_pci_reset', label: 'reset #2 of a VFIO device', layer: 'qemu' },
  { frame: 'pci_reset_secondary_bus', label: 'secondary bus reset: sleeps about 1 s', layer: 'kernel' },
  { frame: 'pcie_flr', label: 'function-level reset: sleeps about 100 ms', layer: 'kernel' },
  { frame: 'zero_free_pages', label: 'the pre-zero worker clearing free pages', layer: 'kernel' },
  { frame: '[guest] SeaBIOS interactive_bootmenu', label: 'the boot menu waiting for a key (vCPU halted)', layer: 'guest' },
  { frame: '[guest] grub run_menu', label: 'GRUB polling the keyboard until its timeout', layer: 'guest' },
  { frame: '[guest] grub_cmd_linux', label: 'GRUB loading kernel and initrd', layer: 'guest' },
];

export interface FunctionCost {
  /** Time in the function and its callees: totalUs = cpuUs + sleepUs. */
  readonly totalUs: Micros;
  readonly cpuUs: Micros;
  readonly sleepUs: Micros;
  /** Time in stacks where it is the outermost listed function. */
  readonly rootUs: Micros;
}

export interface FunctionRow extends FunctionInfo {
  /** Never called under another listed function in either run. */
  readonly topLevel: boolean;
  /** Listed functions found directly above it (nearest listed caller) in some stack. */
  readonly callers: readonly string[];
  readonly a: FunctionCost;
  readonly b: FunctionCost;
  /** a.totalUs - b.totalUs: positive where B is faster. */
  readonly savedUs: Micros;
}

export interface CostPair {
  readonly a: FunctionCost;
  readonly b: FunctionCost;
  readonly savedUs: Micros;
}

export interface FunctionTable {
  /** Listed functions that occur in either run, in the list's order. */
  readonly rows: readonly FunctionRow[];
  /** Time in stacks that hold no listed function. */
  readonly unlisted: CostPair;
  /** Busy time of all lanes (every work item). */
  readonly busy: CostPair;
}

interface Acc {
  total: number;
  cpu: number;
  sleep: number;
  root: number;
}

const acc = (): Acc => ({ total: 0, cpu: 0, sleep: 0, root: 0 });
const cost = (x: Acc | undefined): FunctionCost => ({ totalUs: x?.total ?? 0, cpuUs: x?.cpu ?? 0, sleepUs: x?.sleep ?? 0, rootUs: x?.root ?? 0 });

/** Per-function totals of one run; `all` and `none` collect the busy and the unlisted time. */
function accumulate(trace: Trace, listed: ReadonlySet<string>) {
  const byFrame = new Map<string, Acc>();
  const all = acc();
  const none = acc();
  // Each stack's listed frames (once each) and its outermost listed frame, worked out once.
  const perStack = traceStacks(trace).map((stack) => {
    const frames = [...new Set(stack.filter((f) => listed.has(f)))];
    return { frames, outermost: frames[0] };
  });
  const add = (x: Acc, us: Micros, cpu: boolean) => {
    x.total += us;
    if (cpu) x.cpu += us;
    else x.sleep += us;
  };
  for (const span of trace.spans) {
    for (const w of span.work) {
      const info = perStack[w.stack];
      if (!info) throw new Error(`a work item on lane ${span.lane} points at stack ${w.stack}, but the Trace has ${trace.stacks.length} stacks`);
      add(all, w.us, w.cpu);
      if (info.outermost === undefined) add(none, w.us, w.cpu);
      for (const f of info.frames) {
        let x = byFrame.get(f);
        if (!x) {
          x = acc();
          byFrame.set(f, x);
        }
        add(x, w.us, w.cpu);
        if (f === info.outermost) x.root += w.us;
      }
    }
  }
  return { byFrame, all, none };
}

/** Nearest listed caller of each listed frame, over the stacks of both runs. */
function callersOf(traces: readonly Trace[], listed: ReadonlySet<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of traces) {
    for (const stack of traceStacks(t)) {
      let above: string | undefined;
      for (const f of stack) {
        if (!listed.has(f)) continue;
        if (above !== undefined && above !== f) {
          let set = out.get(f);
          if (!set) {
            set = new Set();
            out.set(f, set);
          }
          set.add(above);
        }
        above = f;
      }
    }
  }
  return out;
}

/** The comparison table of the functions in `functions` that occur in A or B. */
export function functionTable(a: Trace, b: Trace, functions: readonly FunctionInfo[] = TALK_FUNCTIONS): FunctionTable {
  const present = new Set<string>();
  for (const t of [a, b]) for (const stack of traceStacks(t)) for (const f of stack) present.add(f);
  const list = functions.filter((f) => present.has(f.frame));
  const listed = new Set(list.map((f) => f.frame));
  const ra = accumulate(a, listed);
  const rb = accumulate(b, listed);
  const callers = callersOf([a, b], listed);
  const rows = list.map((info): FunctionRow => {
    const ca = cost(ra.byFrame.get(info.frame));
    const cb = cost(rb.byFrame.get(info.frame));
    const above = [...(callers.get(info.frame) ?? [])].sort();
    return { ...info, topLevel: above.length === 0, callers: above, a: ca, b: cb, savedUs: ca.totalUs - cb.totalUs };
  });
  const pair = (x: Acc, y: Acc): CostPair => ({ a: cost(x), b: cost(y), savedUs: x.total - y.total });
  return { rows, unlisted: pair(ra.none, rb.none), busy: pair(ra.all, rb.all) };
}

/** One run's figures in the same shape (B is the same run, so every saving is 0). */
export function functionCosts(trace: Trace, functions: readonly FunctionInfo[] = TALK_FUNCTIONS): FunctionTable {
  return functionTable(trace, trace, functions);
}
