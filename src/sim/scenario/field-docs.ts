/**
 * What each scenario field means, for people: meaning, default, source and the talk's words.
 * The one place these texts live. They reach the editor's hover, completion and form through
 * json-schema.ts; the simulation and the embed's first frame never load them (schema.ts
 * keeps only what validation needs: types, bounds and units).
 */
import type { ScenarioInput } from './schema.ts';

export interface FieldDoc {
  /** What the knob is, in a learner's words. */
  readonly description: string;
  /** Where the default value comes from. */
  readonly source?: string;
  /** Default shown in hover text; profile-dependent defaults say so. */
  readonly defaultText?: string;
  /** What the value means for the talk's fixes ("the talk's fix: ..."). */
  readonly talk?: string;
}

/** Dotted paths of every field and group of the scenario ("host.freePool.fragmentation"); lists are leaves. */
type FieldPaths<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends readonly unknown[]
    ? K
    : NonNullable<T[K]> extends object
      ? K | `${K}.${FieldPaths<NonNullable<T[K]>>}`
      : K;
}[keyof T & string];

/** A field's path, or '' for the scenario itself. */
export type DocPath = '' | FieldPaths<ScenarioInput>;

export const SCENARIO_TITLE = 'Bootline scenario';

const FROM_PROFILE = 'from host.profile';

/** Every path must be here, and nothing else: the type checks both ways. */
export const FIELD_DOCS: { readonly [P in DocPath]: FieldDoc } = {
  '': { description: 'What a VM creation run is made of. Every field is optional.' },
  '$schema': { description: 'JSON Schema reference for editors; ignored by the simulation.' },
  'name': { description: 'A short name shown in pickers and comparisons.' },

  'host': { description: 'The host: a named profile and its measured costs.' },
  'host.profile': {
    description: 'A named host whose constants were measured; the fields below override it.',
    defaultText: 'didi-2020 (the talk\'s host)',
  },
  'host.zeroingGBps': {
    description: 'One thread clearing freshly allocated 4 KiB pages (clear_page_erms).',
    defaultText: FROM_PROFILE,
    source: 'derived from the PG_zero RFC table (didi-2020: 4.9)',
  },
  'host.zeroingGBps2M': {
    description: 'One thread clearing a 2 MiB page.',
    defaultText: FROM_PROFILE,
    source: 'x86 clear_pages patches (2025)',
  },
  'host.zeroingGBps1G': {
    description: 'One thread clearing a 1 GiB page.',
    defaultText: FROM_PROFILE,
    source: 'x86 clear_pages patches (2025)',
  },
  'host.memoryBandwidthGBps': {
    description: 'Ceiling when several threads zero or touch memory at once.',
    defaultText: FROM_PROFILE,
  },
  'host.faultNsPer4K': {
    description: 'First touch of a 4 KiB page: allocate it, charge it, map it. Zeroing excluded.',
    defaultText: FROM_PROFILE,
    source: 'derived from the PG_zero RFC table',
  },
  'host.hugeFaultNs': { description: 'First touch of a 2 MiB or 1 GiB page, zeroing excluded.', defaultText: FROM_PROFILE },
  'host.gupCallNs': {
    description: 'Fixed cost of one get_user_pages call (mmap lock, find_vma, VMA checks).',
    defaultText: FROM_PROFILE,
  },
  'host.pinNsPer4K': {
    description: 'Pinning a 4 KiB page already present: reference, accounting, IOMMU entry. The walk is priced separately.',
    defaultText: FROM_PROFILE,
  },
  'host.unpinNsPer4K': { description: 'Unmapping and unpinning a 4 KiB page (VFIO_IOMMU_UNMAP_DMA).', defaultText: FROM_PROFILE },
  'host.pageTableReadNs': {
    description: 'One page-table entry read during a walk (PGD, PUD, PMD or PTE).',
    defaultText: FROM_PROFILE,
  },
  'host.rmapWalkNsPer4K': {
    description: 'Per 4 KiB of a new memslot when KVM walks its rmap heads (PML on, before 5.8).',
    defaultText: FROM_PROFILE,
  },
  'host.barPfnNsPer4K': {
    description: 'Per 4 KiB of a BAR when its DMA map walks the PFN range page by page.',
    defaultText: FROM_PROFILE,
    source: '2018 raw-PFN fix: 16 GiB BAR in about 0.4 s',
  },
  'host.barRawPfnMapUs': {
    description: 'DMA-mapping a whole BAR once the raw-PFN fix is in.',
    defaultText: FROM_PROFILE,
    source: '2018 raw-PFN fix: about 1.5 µs',
  },
  'host.dirtyLogNsPer4K': {
    description: 'Setting up and syncing one page of a memslot\'s dirty bitmap.',
    defaultText: FROM_PROFILE,
  },
  'host.qemuStartMs': {
    description: 'QEMU\'s fixed start-up: configuration, KVM_CREATE_VM, vCPU threads.',
    defaultText: FROM_PROFILE,
    source: 'domain.md: about 0.4-2 s',
  },
  'host.vfioSetupMs': {
    description: 'Opening a VFIO container and group and attaching the IOMMU domain.',
    defaultText: FROM_PROFILE,
  },
  'host.libvirtContMs': { description: 'libvirt\'s QMP "cont" round trip before the vCPUs run.', defaultText: FROM_PROFILE },
  'host.hostCpus': { description: 'Host CPUs; caps preallocation and pinning threads.', defaultText: FROM_PROFILE },
  'host.numaNodes': { description: 'Host NUMA nodes.', defaultText: FROM_PROFILE },
  'host.numaRemoteFactor': {
    description: 'How much slower allocating and zeroing is on a remote NUMA node.',
    defaultText: FROM_PROFILE,
  },
  'host.freePool': { description: 'The host\'s free memory when creation starts.' },
  'host.freePool.prezeroedShare': {
    description: 'Share of the free pages the guest will get that already carry PG_zero when QEMU starts. Only matters with optimizations.prezeroFreePages.',
    defaultText: `${FROM_PROFILE} (didi-2020: 1, a quiet host)`,
    talk: 'Limitation: no benefit when pages were not zeroed in time.',
  },
  'host.freePool.fragmentation': {
    description: '0 = free memory physically contiguous, 1 = every page apart. Sets the run length bulk pinning can use.',
    defaultText: FROM_PROFILE,
  },
  'host.prezeroWorker': { description: 'The kernel worker that pre-zeroes free pages (with optimizations.prezeroFreePages).' },
  'host.prezeroWorker.batchMiB': {
    description: 'Memory the pre-zero worker clears per cycle.',
    defaultText: '64',
    source: 'RFC v2 sysfs zero_page/batch_size',
  },
  'host.prezeroWorker.delayMs': {
    description: 'Sleep between the worker\'s cycles; 0 zeroes flat out.',
    defaultText: '1000',
    source: 'RFC v2 sysfs zero_page/delay_millisecs',
  },
  'host.kernel': { description: 'Switches for kernel changes made upstream since the talk.' },
  'host.kernel.batchPinning': {
    description: 'vfio/type1 pins up to 512 pages per pin_user_pages call instead of one.',
    defaultText: FROM_PROFILE,
    source: 'Daniel Jordan, "vfio/type1: Batch page pinning", Linux 5.12 (2021)',
  },
  'host.kernel.rawPfnBarMapping': {
    description: 'DMA-mapping a BAR (a raw PFN range) no longer walks it page by page.',
    defaultText: FROM_PROFILE,
    source: '"vfio/type1: Improve memory pinning process for raw PFN mapping" (2018)',
  },
  'host.kernel.fastPciResetDelay': {
    description: 'A PCIe bus reset waits about 100 ms plus readiness polling instead of a fixed 1 s.',
    defaultText: FROM_PROFILE,
    source: 'Linux commit ac91e6980563 (2023)',
  },
  'host.kernel.rmapWalkOnMemslotCreate': {
    description: 'KVM before 5.8 walks every rmap head of a new memslot when PML is on.',
    defaultText: FROM_PROFILE,
    source: 'Anthony Yznaga, KVM rmap walk removal, Linux 5.8',
  },
  'host.kernel.hugetlbPrezero': {
    description: 'hugetlbfs pool pages can be pre-zeroed too (a later RFC); without it hugetlbfs gets no PG_zero.',
    defaultText: `${FROM_PROFILE} (off)`,
    source: 'Liang Li, "mm: support free hugepage pre zero out" RFC, 2020-12-22',
  },

  'guest': { description: 'The guest being created.' },
  'guest.ramGiB': {
    description: 'Guest RAM. Pinning touches every page, so creation time grows with it.',
    defaultText: '256',
    talk: 'RAM size is the first factor of GPU VM creation time.',
  },
  'guest.vcpus': { description: 'Guest vCPUs.', defaultText: '8' },
  'guest.memoryBacking': {
    description: 'How guest RAM is backed: 4 KiB anonymous pages, transparent huge pages, or hugetlbfs 2 MiB / 1 GiB pages.',
    defaultText: 'anonymous-4k',
    talk: 'Huge pages: fewer faults and walks; hugetlbfs cannot always use pre-zeroed pages.',
  },
  'guest.prealloc': { description: 'Memory preallocation by QEMU.' },
  'guest.prealloc.enabled': {
    description: 'Touch (and so zero) every page before devices are set up (memory-backend prealloc=on).',
    defaultText: 'false',
  },
  'guest.prealloc.threads': {
    description: 'Preallocation threads (prealloc-threads); QEMU caps them at 16 and at the host CPUs.',
    defaultText: '1',
  },
  'guest.numaPolicy': {
    description: 'Where guest memory is allocated relative to the QEMU threads.',
    defaultText: 'local',
    talk: 'Be careful with the NUMA memory policy.',
  },
  'guest.machine': {
    description: 'QEMU machine type: sets how much RAM sits below 4 GiB (3 GiB on i440fx, 2 GiB on q35).',
    defaultText: 'i440fx',
  },

  'devices': { description: 'Passthrough devices.' },
  'devices.gpu': {
    description: 'A device preset: BAR sizes and reset method.',
    defaultText: 'tesla-p40',
    talk: 'The type of GPU card is a factor of creation time.',
  },
  'devices.count': {
    description: 'Passthrough devices. 0 makes a CPU VM.',
    defaultText: '4',
    talk: 'The count of GPU cards is a factor of creation time.',
  },
  'devices.sharedContainer': {
    description: 'Devices share one VFIO container, so guest RAM is pinned once; otherwise each container maps it again.',
    defaultText: 'true',
  },
  'devices.barMiB': { description: 'Override the preset\'s memory BARs, in MiB, in BAR order.' },
  'devices.resetMethod': {
    description: 'Override the preset\'s reset: "bus" (secondary bus reset, about 1 s) or "flr" (function-level reset, about 100 ms).',
    defaultText: 'from devices.gpu',
  },

  'firmware': { description: 'Guest firmware and boot loader.' },
  'firmware.kind': { description: 'Guest firmware.', defaultText: 'seabios' },
  'firmware.bootMenu': {
    description: 'Show the firmware boot menu and wait for a key.',
    defaultText: 'true (SeaBIOS)',
    talk: 'Disable the boot menu.',
  },
  'firmware.bootMenuWaitMs': {
    description: 'How long the boot menu waits with the vCPU halted.',
    defaultText: '2500 (SeaBIOS)',
    source: 'SeaBIOS DEFAULT_BOOTMENU_WAIT',
  },
  'firmware.grubTimeoutS': {
    description: 'GRUB menu timeout; GRUB polls the keyboard, so the vCPU is busy.',
    defaultText: '5',
    talk: 'Change guest grub timeout to 0.',
    source: 'GRUB manual',
  },
  'firmware.pamWrites': {
    description: 'Firmware writes to the PAM and SMRAM registers. Each changes the low-RAM layout, which can unmap and re-pin up to 3 GiB.',
    defaultText: '13 (SeaBIOS)',
    source: 'estimate: 5 to 14 by machine type and firmware (domain.md)',
  },
  'firmware.barDecodeToggles': {
    description: 'Memory-decode off/on cycles per BAR during PCI set-up; each re-creates the BAR\'s memslot and DMA map.',
    defaultText: '2 (SeaBIOS)',
  },
  'firmware.postMs': {
    description: 'The firmware\'s own work from reset to boot, without waits and QEMU exits.',
    defaultText: '170 (SeaBIOS)',
    source: 'domain.md: SeaBIOS about 0.17 s',
  },
  'firmware.kernelLoadMs': {
    description: 'Loading kernel and initrd and decompressing up to the first kernel log line.',
    defaultText: '300',
    source: 'domain.md: about 0.3-1 s',
  },

  'optimizations': { description: 'The talk\'s fixes, each on its own switch.' },
  'optimizations.prezeroFreePages': {
    description: 'A kernel worker zeroes free pages in the background and sets PG_zero; allocation skips zeroing for those pages.',
    defaultText: 'false',
    talk: 'Pre zero out free pages.',
    source: 'Liang Li, "mm: Add PG_zero support" RFC, LKML 2020-04-12',
  },
  'optimizations.bulkPinning': {
    description: 'Pin a physically contiguous run of pages with one call and one page-table walk (get_user_ct_pages).',
    defaultText: 'false',
    talk: 'Pin memory in bulk.',
  },
  'optimizations.pinThreads': {
    description: 'Threads pinning guest RAM in parallel (multi-threaded pinning, proposed upstream).',
    defaultText: '1',
  },
  'optimizations.userspaceDmaMapTracking': {
    description: 'QEMU remembers what is mapped, skips the unmap ioctl and unmaps only when a new map conflicts.',
    defaultText: 'false',
    talk: 'Manage VFIO DMA map in user space.',
  },
  'optimizations.splitIovaAt1MiB': {
    description: 'Split the IOVA range that holds 0x100000, so changes below 1 MiB leave the rest mapped.',
    defaultText: 'false',
    talk: 'Split IOVA area which contains the address 0x100000.',
  },
  'optimizations.skipRedundantReset': {
    description: 'Skip the second reset of each device in qemu_system_reset; it was just reset when opened.',
    defaultText: 'false',
    talk: 'Remove the redundant PCI device reset.',
  },
  'optimizations.parallelResets': {
    description: 'Reset all devices at once, one thread each.',
    defaultText: 'false',
    talk: 'Do PCI device reset operations in parallel.',
  },
  'optimizations.overlapResetWithDmaMap': {
    description: 'Reset devices on their own threads while the main thread pins guest RAM.',
    defaultText: 'false',
    talk: 'Make PCI device reset in parallel with VFIO DMA map.',
  },
  'optimizations.skipMmioDirtyLog': {
    description: 'Skip dirty-page bitmap work for BAR (MMIO) memslots.',
    defaultText: 'false',
    talk: 'Skip PCI MMIO dirty page log related processing.',
  },
  'optimizations.countEffectiveRmap': {
    description: 'Count effective rmap entries and skip the traversal of a memslot that has none.',
    defaultText: 'false',
    talk: 'Make the rmap traversal more efficient.',
  },

  'seed': {
    description: 'Seeds the layout of pre-zeroed pages and of physical runs. Same scenario and seed give the same run.',
    defaultText: '1',
  },
};
