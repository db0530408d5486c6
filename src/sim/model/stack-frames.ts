/**
 * The frames of each call stack key (stacks.ts), outermost first, with the names of
 * call-paths.md (Linux 5.4-5.10, QEMU 5.0, SeaBIOS 1.13). Inlined static helpers are kept
 * where the walk-through names them; a real perf profile may fold some of them. Only the
 * readers of frames import this: the flame graph, the function table, the CLI.
 */
import type { MemoryBacking } from '../scenario/schema.ts';
import type { ResetMethod } from '../scenario/gpu-presets.ts';
import type { ResetReason, Trace } from '../trace/types.ts';
import type { FixedStack, MapContext, MemslotPart, MemslotWho, PinPart, PinStyle, Stack } from './stacks.ts';

export type Frames = readonly string[];

const QEMU_MAIN: Frames = ['qemu: main', 'qemu_init'];
const VCPU: Frames = ['qemu: CPU 0/KVM', 'qemu_kvm_cpu_thread_fn', 'kvm_cpu_exec'];
const REALIZE: Frames = [...QEMU_MAIN, 'qdev_device_add', 'vfio_realize'];

const FIXED: Record<FixedStack, Frames> = {
  qemuConfig: [...QEMU_MAIN, 'qemu_opts_foreach'],
  kvmCreateVm: [...QEMU_MAIN, 'configure_accelerators', 'kvm_init', 'ioctl(KVM_CREATE_VM)', 'kvm_create_vm'],
  vcpuCreate: [...QEMU_MAIN, 'machine_run_board_init', 'x86_cpus_init', 'qemu_init_vcpu', 'kvm_init_vcpu'],
  vfioSetup: [...REALIZE, 'vfio_get_group', 'vfio_connect_container', 'ioctl(VFIO_SET_IOMMU)', 'vfio_iommu_type1_attach_group'],
  barMmap: [...REALIZE, 'vfio_bars_register', 'vfio_region_mmap', 'mmap', 'vfio_pci_mmap'],
  qemuSystemReset: [...QEMU_MAIN, 'qemu_system_reset', 'qemu_devices_reset'],
  libvirtCont: ['libvirtd', 'qemuProcessStartCPUs', 'qemuMonitorJSONStartCPUs'],
  qmpCont: ['qemu: main', 'main_loop_wait', 'qmp_dispatch', 'qmp_cont', 'vm_start', 'resume_all_vcpus'],
  firmwarePost: [...VCPU, 'ioctl(KVM_RUN)', 'vmx_vcpu_run', '[guest] SeaBIOS handle_post', 'maininit'],
  firmwarePci: [...VCPU, 'ioctl(KVM_RUN)', 'vmx_vcpu_run', '[guest] SeaBIOS pci_setup'],
  bootMenu: [...VCPU, 'ioctl(KVM_RUN)', 'kvm_vcpu_block', '[guest] SeaBIOS interactive_bootmenu', 'get_keystroke', 'hlt'],
  grubMenu: [...VCPU, 'ioctl(KVM_RUN)', 'vmx_vcpu_run', '[guest] grub run_menu', 'grub_getkey_noblock'],
  kernelLoad: [...VCPU, 'ioctl(KVM_RUN)', 'vmx_vcpu_run', '[guest] grub_cmd_linux', 'grub_disk_read'],
  worker: ['kernel: kworker', 'page_reporting_process', 'page_reporting_cycle', 'zero_free_pages', '__clear_highpage', 'clear_page_erms'],
};

function mapContext(ctx: MapContext): Frames {
  switch (ctx) {
    case 'realize':
      return [...REALIZE, 'vfio_get_group', 'vfio_connect_container', 'memory_listener_register', 'vfio_listener_region_add'];
    case 'pam-write':
      return [...VCPU, 'kvm_handle_io', 'i440fx_write_config', 'memory_region_transaction_commit', 'vfio_listener_region_add'];
    case 'bar-decode':
      return [...VCPU, 'kvm_handle_io', 'vfio_pci_write_config', 'pci_update_mappings', 'vfio_listener_region_add'];
    case 'pin-thread':
      return ['kernel: padata worker', 'padata_do_multithreaded'];
  }
}

const MAP_IOCTL: Frames = ['vfio_dma_map', 'ioctl(VFIO_IOMMU_MAP_DMA)', 'vfio_dma_do_map', 'vfio_pin_map_dma'];

function gupFrames(style: PinStyle): Frames {
  switch (style) {
    case 'page-by-page':
      return ['vfio_pin_pages_remote', 'vaddr_get_pfn', 'get_user_pages', '__get_user_pages'];
    case 'batch':
      return ['vfio_pin_pages_remote', 'vaddr_get_pfns', 'pin_user_pages_remote', '__get_user_pages'];
    case 'bulk':
      return ['vfio_pin_pages_remote', 'vaddr_get_pfn', 'get_user_ct_pages_longterm', '__get_user_pages'];
  }
}

function faultFrames(backing: MemoryBacking): Frames {
  switch (backing) {
    case 'anonymous-4k':
      return ['faultin_page', 'handle_mm_fault', 'do_anonymous_page', 'alloc_zeroed_user_highpage_movable', 'alloc_pages_vma'];
    case 'thp':
      return ['faultin_page', 'handle_mm_fault', 'do_huge_pmd_anonymous_page', 'alloc_hugepage_vma'];
    case 'hugetlb-2m':
    case 'hugetlb-1g':
      return ['follow_hugetlb_page', 'hugetlb_fault', 'hugetlb_no_page', 'alloc_huge_page'];
  }
}

function zeroFrames(backing: MemoryBacking): Frames {
  switch (backing) {
    case 'anonymous-4k':
      return ['faultin_page', 'handle_mm_fault', 'do_anonymous_page', 'alloc_zeroed_user_highpage_movable', 'alloc_pages_vma',
        'prep_new_page', 'kernel_init_free_pages', 'clear_page_erms'];
    case 'thp':
      return ['faultin_page', 'handle_mm_fault', 'do_huge_pmd_anonymous_page', 'clear_huge_page', 'clear_subpage', 'clear_page_erms'];
    case 'hugetlb-2m':
      return ['follow_hugetlb_page', 'hugetlb_fault', 'hugetlb_no_page', 'clear_huge_page', 'clear_page_erms'];
    case 'hugetlb-1g':
      return ['follow_hugetlb_page', 'hugetlb_fault', 'hugetlb_no_page', 'clear_gigantic_page', 'clear_page_erms'];
  }
}

function pinFrames(ctx: MapContext, style: PinStyle, backing: MemoryBacking, part: PinPart): Frames {
  // Pin threads run vfio_pin_pages_remote themselves (gupFrames starts with it).
  const base = ctx === 'pin-thread' ? [...mapContext(ctx)] : [...mapContext(ctx), ...MAP_IOCTL];
  const gup = [...base, ...gupFrames(style)];
  switch (part) {
    case 'gupCall':
      return gup;
    case 'walk':
      return [...gup, backing.startsWith('hugetlb') ? 'follow_hugetlb_page' : 'follow_page_mask'];
    case 'fault':
      return [...gup, ...faultFrames(backing)];
    case 'zero':
      return [...gup, ...zeroFrames(backing)];
    case 'pin':
      // The page reference and locked-memory accounting are folded into the IOMMU map here.
      return [...base, 'vfio_iommu_map', 'iommu_map', 'intel_iommu_map'];
  }
}

function unmapFrames(ctx: MapContext): Frames {
  // Unmaps come from region_del, whatever made the memory topology change.
  const del = ctx === 'pam-write'
    ? [...VCPU, 'kvm_handle_io', 'i440fx_write_config', 'memory_region_transaction_commit', 'vfio_listener_region_del']
    : ctx === 'bar-decode'
      ? [...VCPU, 'kvm_handle_io', 'vfio_pci_write_config', 'pci_update_mappings', 'vfio_listener_region_del']
      : [...mapContext(ctx)];
  return [...del, 'vfio_dma_unmap', 'ioctl(VFIO_IOMMU_UNMAP_DMA)', 'vfio_dma_do_unmap', 'vfio_unmap_unpin'];
}

function barMapFrames(rawPfn: boolean): Frames {
  const base = [...mapContext('bar-decode'), ...MAP_IOCTL, 'vfio_pin_pages_remote'];
  return rawPfn ? [...base, 'vaddr_get_pfn', 'follow_fault_pfn'] : [...base, 'vaddr_get_pfn', 'follow_pfn', 'follow_pte'];
}

function memslotFrames(who: MemslotWho, part: MemslotPart): Frames {
  const base: Frames =
    who === 'ram-init'
      ? [...QEMU_MAIN, 'machine_run_board_init', 'pc_memory_init', 'memory_region_transaction_commit', 'kvm_region_add']
      : who === 'pam-write'
        ? [...VCPU, 'kvm_handle_io', 'i440fx_write_config', 'memory_region_transaction_commit', 'kvm_region_add']
        : [...VCPU, 'kvm_handle_io', 'vfio_pci_write_config', 'pci_update_mappings', 'kvm_region_add'];
  const ioctl = [...base, 'kvm_set_phys_mem', 'ioctl(KVM_SET_USER_MEMORY_REGION)', '__kvm_set_memory_region'];
  switch (part) {
    case 'metadata':
      return [...ioctl, 'kvm_arch_create_memslot', 'kvcalloc', 'clear_page_erms'];
    case 'rmapWalk':
      return [...ioctl, 'kvm_arch_commit_memory_region', 'vmx_slot_disable_log_dirty', 'kvm_mmu_slot_set_dirty', 'slot_handle_all_level'];
    case 'dirtyLog':
      return [...base, 'kvm_set_phys_mem', 'kvm_slot_sync_dirty_pages', 'cpu_physical_memory_set_dirty_lebitmap'];
    case 'remove':
      return [...base.slice(0, -1), 'kvm_region_del', 'kvm_set_phys_mem', 'ioctl(KVM_SET_USER_MEMORY_REGION)', 'kvm_mmu_zap_all_fast'];
  }
}

function resetFrames(reason: ResetReason, onThread: boolean, method: ResetMethod): Frames {
  const leaf = method === 'bus'
    ? ['pci_try_reset_function', 'pci_parent_bus_reset', 'pci_reset_secondary_bus', 'ssleep']
    : ['pci_try_reset_function', 'pcie_flr', 'msleep'];
  const thread: Frames = ['qemu: reset thread', 'qemu_thread_start'];
  if (reason === 'device-open') {
    const head = onThread ? thread : REALIZE;
    return [...head, 'vfio_get_device', 'ioctl(VFIO_GROUP_GET_DEVICE_FD)', 'vfio_pci_open', 'vfio_pci_enable', ...leaf];
  }
  const head = onThread ? thread : [...QEMU_MAIN, 'qemu_system_reset', 'qemu_devices_reset'];
  return [...head, 'vfio_pci_reset', 'ioctl(VFIO_DEVICE_RESET)', 'vfio_pci_ioctl', ...leaf];
}

function preallocFrames(backing: MemoryBacking, part: 'fault' | 'zero'): Frames {
  const base: Frames = ['qemu: touch_pages', 'do_touch_pages', 'page_fault', 'do_user_addr_fault'];
  return [...base, ...(part === 'fault' ? faultFrames(backing) : zeroFrames(backing)).slice(1)];
}

function framesOf(key: Stack): Frames {
  // The key's parts are the builder's arguments in stacks.ts, in order; the Stack type
  // guarantees each part is one of its names.
  const [kind, a, b, c, d] = key.split(':') as [string, ...string[]];
  switch (kind) {
    case 'pin':
      return pinFrames(a as MapContext, b as PinStyle, c as MemoryBacking, d as PinPart);
    case 'unmap':
      return unmapFrames(a as MapContext);
    case 'bar-map':
      return barMapFrames(a === 'raw-pfn');
    case 'memslot':
      return memslotFrames(a as MemslotWho, b as MemslotPart);
    case 'reset':
      return resetFrames(a as ResetReason, b === 'thread', c as ResetMethod);
    case 'prealloc':
      return preallocFrames(a as MemoryBacking, b as 'fault' | 'zero');
    default: {
      const fixed = FIXED[key as FixedStack] as Frames | undefined;
      if (!fixed) throw new Error(`"${key}" names no call stack`);
      return fixed;
    }
  }
}

const cache = new Map<Stack, Frames>();

/** The frames of one stack, outermost first (the same array for the same key). */
export function stackFrames(key: Stack): Frames {
  let frames = cache.get(key);
  if (!frames) {
    frames = framesOf(key);
    cache.set(key, frames);
  }
  return frames;
}

const byTrace = new WeakMap<Trace['stacks'], readonly Frames[]>();

/** A run's stacks as frames, indexed like Trace.stacks (and so like WorkItem.stack). */
export function traceStacks(trace: Pick<Trace, 'stacks'>): readonly Frames[] {
  let frames = byTrace.get(trace.stacks);
  if (!frames) {
    frames = trace.stacks.map(stackFrames);
    byTrace.set(trace.stacks, frames);
  }
  return frames;
}
