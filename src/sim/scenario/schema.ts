/**
 * The scenario: the one definition of every key a user can edit. Every field is optional;
 * resolve.ts fills the gaps from the host profile, the GPU preset, the firmware preset and
 * the defaults. Key names are a public interface (lessons, share links, scripts): add
 * fields freely, rename none without a migration.
 */
import * as z from 'zod/mini';
import { booleanField, documented, enumField, group, numberField } from './field.ts';
import { HOST_PROFILE_NAMES } from './host-profiles.ts';
import { GPU_PRESET_NAMES, RESET_METHODS } from './gpu-presets.ts';
import { FIRMWARE_KINDS, MACHINE_TYPES } from './firmware-presets.ts';

export const MEMORY_BACKINGS = ['anonymous-4k', 'thp', 'hugetlb-2m', 'hugetlb-1g'] as const;
export type MemoryBacking = (typeof MEMORY_BACKINGS)[number];

export const NUMA_POLICIES = ['local', 'interleave', 'remote'] as const;
export type NumaPolicy = (typeof NUMA_POLICIES)[number];

/** Largest guest the model accepts: 16 TiB. */
export const MAX_RAM_GIB = 16_384;
/** Smallest: 4 MiB, enough for SeaBIOS; small enough that all of RAM fits the memory view's window. */
export const MIN_RAM_GIB = 1 / 256;
export const MAX_DEVICES = 16;

const fromProfile = 'from host.profile';

const kernel = group(
  {
    batchPinning: booleanField({
      description: 'vfio/type1 pins up to 512 pages per pin_user_pages call instead of one.',
      defaultText: fromProfile,
      source: 'Daniel Jordan, "vfio/type1: Batch page pinning", Linux 5.12 (2021)',
    }),
    rawPfnBarMapping: booleanField({
      description: 'DMA-mapping a BAR (a raw PFN range) no longer walks it page by page.',
      defaultText: fromProfile,
      source: '"vfio/type1: Improve memory pinning process for raw PFN mapping" (2018)',
    }),
    fastPciResetDelay: booleanField({
      description: 'A PCIe bus reset waits about 100 ms plus readiness polling instead of a fixed 1 s.',
      defaultText: fromProfile,
      source: 'Linux commit ac91e6980563 (2023)',
    }),
    rmapWalkOnMemslotCreate: booleanField({
      description: 'KVM before 5.8 walks every rmap head of a new memslot when PML is on.',
      defaultText: fromProfile,
      source: 'Anthony Yznaga, KVM rmap walk removal, Linux 5.8',
    }),
    hugetlbPrezero: booleanField({
      description: 'hugetlbfs pool pages can be pre-zeroed too (a later RFC); without it hugetlbfs gets no PG_zero.',
      defaultText: `${fromProfile} (off)`,
      source: 'Liang Li, "mm: support free hugepage pre zero out" RFC, 2020-12-22',
    }),
  },
  { description: 'Switches for kernel changes made upstream since the talk.' },
);

const host = group(
  {
    profile: enumField(HOST_PROFILE_NAMES, {
      description: 'A named host whose constants were measured; the fields below override it.',
      defaultText: 'didi-2020 (the talk\'s host)',
    }),
    zeroingGBps: numberField({ min: 0, minExclusive: true, max: 1_000, unit: 'GB/s', defaultText: fromProfile,
      description: 'One thread clearing freshly allocated 4 KiB pages (clear_page_erms).',
      source: 'derived from the PG_zero RFC table (didi-2020: 4.9)' }),
    zeroingGBps2M: numberField({ min: 0, minExclusive: true, max: 1_000, unit: 'GB/s', defaultText: fromProfile,
      description: 'One thread clearing a 2 MiB page.', source: 'x86 clear_pages patches (2025)' }),
    zeroingGBps1G: numberField({ min: 0, minExclusive: true, max: 1_000, unit: 'GB/s', defaultText: fromProfile,
      description: 'One thread clearing a 1 GiB page.', source: 'x86 clear_pages patches (2025)' }),
    memoryBandwidthGBps: numberField({ min: 0, minExclusive: true, max: 10_000, unit: 'GB/s', defaultText: fromProfile,
      description: 'Ceiling when several threads zero or touch memory at once.' }),
    faultNsPer4K: numberField({ min: 0, max: 1_000_000, unit: 'ns', defaultText: fromProfile,
      description: 'First touch of a 4 KiB page: allocate it, charge it, map it. Zeroing excluded.',
      source: 'derived from the PG_zero RFC table' }),
    hugeFaultNs: numberField({ min: 0, max: 100_000_000, unit: 'ns', defaultText: fromProfile,
      description: 'First touch of a 2 MiB or 1 GiB page, zeroing excluded.' }),
    gupCallNs: numberField({ min: 0, max: 1_000_000, unit: 'ns', defaultText: fromProfile,
      description: 'Fixed cost of one get_user_pages call (mmap lock, find_vma, VMA checks).' }),
    pinNsPer4K: numberField({ min: 0, max: 1_000_000, unit: 'ns', defaultText: fromProfile,
      description: 'Pinning a 4 KiB page already present: reference, accounting, IOMMU entry. The walk is priced separately.' }),
    unpinNsPer4K: numberField({ min: 0, max: 1_000_000, unit: 'ns', defaultText: fromProfile,
      description: 'Unmapping and unpinning a 4 KiB page (VFIO_IOMMU_UNMAP_DMA).' }),
    pageTableReadNs: numberField({ min: 0, max: 10_000, unit: 'ns', defaultText: fromProfile,
      description: 'One page-table entry read during a walk (PGD, PUD, PMD or PTE).' }),
    rmapWalkNsPer4K: numberField({ min: 0, max: 10_000, unit: 'ns', defaultText: fromProfile,
      description: 'Per 4 KiB of a new memslot when KVM walks its rmap heads (PML on, before 5.8).' }),
    barPfnNsPer4K: numberField({ min: 0, max: 100_000, unit: 'ns', defaultText: fromProfile,
      description: 'Per 4 KiB of a BAR when its DMA map walks the PFN range page by page.',
      source: '2018 raw-PFN fix: 16 GiB BAR in about 0.4 s' }),
    barRawPfnMapUs: numberField({ min: 0, max: 1_000_000, unit: 'µs', defaultText: fromProfile,
      description: 'DMA-mapping a whole BAR once the raw-PFN fix is in.', source: '2018 raw-PFN fix: about 1.5 µs' }),
    dirtyLogNsPer4K: numberField({ min: 0, max: 10_000, unit: 'ns', defaultText: fromProfile,
      description: 'Setting up and syncing one page of a memslot\'s dirty bitmap.' }),
    qemuStartMs: numberField({ min: 0, max: 600_000, unit: 'ms', defaultText: fromProfile,
      description: 'QEMU\'s fixed start-up: configuration, KVM_CREATE_VM, vCPU threads.', source: 'domain.md: about 0.4-2 s' }),
    vfioSetupMs: numberField({ min: 0, max: 600_000, unit: 'ms', defaultText: fromProfile,
      description: 'Opening a VFIO container and group and attaching the IOMMU domain.' }),
    libvirtContMs: numberField({ min: 0, max: 600_000, unit: 'ms', defaultText: fromProfile,
      description: 'libvirt\'s QMP "cont" round trip before the vCPUs run.' }),
    hostCpus: numberField({ min: 1, max: 4_096, int: true, defaultText: fromProfile,
      description: 'Host CPUs; caps preallocation and pinning threads.' }),
    numaNodes: numberField({ min: 1, max: 64, int: true, defaultText: fromProfile, description: 'Host NUMA nodes.' }),
    numaRemoteFactor: numberField({ min: 1, max: 10, defaultText: fromProfile,
      description: 'How much slower allocating and zeroing is on a remote NUMA node.' }),
    freePool: group(
      {
        prezeroedShare: numberField({ min: 0, max: 1, defaultText: `${fromProfile} (didi-2020: 1, a quiet host)`,
          description: 'Share of the free pages the guest will get that already carry PG_zero when QEMU starts. Only matters with optimizations.prezeroFreePages.',
          talk: 'Limitation: no benefit when pages were not zeroed in time.' }),
        fragmentation: numberField({ min: 0, max: 1, defaultText: fromProfile,
          description: '0 = free memory physically contiguous, 1 = every page apart. Sets the run length bulk pinning can use.' }),
      },
      { description: 'The host\'s free memory when creation starts.' },
    ),
    prezeroWorker: group(
      {
        batchMiB: numberField({ min: 1, max: 1_048_576, unit: 'MiB', defaultText: '64',
          description: 'Memory the pre-zero worker clears per cycle.', source: 'RFC v2 sysfs zero_page/batch_size' }),
        delayMs: numberField({ min: 0, max: 3_600_000, unit: 'ms', defaultText: '1000',
          description: 'Sleep between the worker\'s cycles; 0 zeroes flat out.', source: 'RFC v2 sysfs zero_page/delay_millisecs' }),
      },
      { description: 'The kernel worker that pre-zeroes free pages (with optimizations.prezeroFreePages).' },
    ),
    kernel,
  },
  { description: 'The host: a named profile and its measured costs.' },
);

const guest = group(
  {
    ramGiB: numberField({ min: MIN_RAM_GIB, max: MAX_RAM_GIB, unit: 'GiB', defaultText: '256',
      description: 'Guest RAM. Pinning touches every page, so creation time grows with it.',
      talk: 'RAM size is the first factor of GPU VM creation time.' }),
    vcpus: numberField({ min: 1, max: 1_024, int: true, defaultText: '8', description: 'Guest vCPUs.' }),
    memoryBacking: enumField(MEMORY_BACKINGS, { defaultText: 'anonymous-4k',
      description: 'How guest RAM is backed: 4 KiB anonymous pages, transparent huge pages, or hugetlbfs 2 MiB / 1 GiB pages.',
      talk: 'Huge pages: fewer faults and walks; hugetlbfs cannot always use pre-zeroed pages.' }),
    prealloc: group(
      {
        enabled: booleanField({ defaultText: 'false',
          description: 'Touch (and so zero) every page before devices are set up (memory-backend prealloc=on).' }),
        threads: numberField({ min: 1, max: 1_024, int: true, defaultText: '1',
          description: 'Preallocation threads (prealloc-threads); QEMU caps them at 16 and at the host CPUs.' }),
      },
      { description: 'Memory preallocation by QEMU.' },
    ),
    numaPolicy: enumField(NUMA_POLICIES, { defaultText: 'local',
      description: 'Where guest memory is allocated relative to the QEMU threads.',
      talk: 'Be careful with the NUMA memory policy.' }),
    machine: enumField(MACHINE_TYPES, { defaultText: 'i440fx',
      description: 'QEMU machine type: sets how much RAM sits below 4 GiB (3 GiB on i440fx, 2 GiB on q35).' }),
  },
  { description: 'The guest being created.' },
);

const devices = group(
  {
    gpu: enumField(GPU_PRESET_NAMES, { defaultText: 'tesla-p40', description: 'A device preset: BAR sizes and reset method.',
      talk: 'The type of GPU card is a factor of creation time.' }),
    count: numberField({ min: 0, max: MAX_DEVICES, int: true, defaultText: '4',
      description: 'Passthrough devices. 0 makes a CPU VM.', talk: 'The count of GPU cards is a factor of creation time.' }),
    sharedContainer: booleanField({ defaultText: 'true',
      description: 'Devices share one VFIO container, so guest RAM is pinned once; otherwise each container maps it again.' }),
    barMiB: documented(z.optional(z.array(z.number().check(z.gte(0.004), z.lte(1_048_576))).check(z.minLength(1), z.maxLength(6))), {
      description: 'Override the preset\'s memory BARs, in MiB, in BAR order. Unit: MiB.',
      markdownDescription: 'Override the preset\'s memory BARs, in MiB, in BAR order.\n\n**Unit:** MiB',
      'x-unit': 'MiB',
    }),
    resetMethod: enumField(RESET_METHODS, { defaultText: 'from devices.gpu',
      description: 'Override the preset\'s reset: "bus" (secondary bus reset, about 1 s) or "flr" (function-level reset, about 100 ms).' }),
  },
  { description: 'Passthrough devices.' },
);

const firmware = group(
  {
    kind: enumField(FIRMWARE_KINDS, { defaultText: 'seabios', description: 'Guest firmware.' }),
    bootMenu: booleanField({ defaultText: 'true (SeaBIOS)', description: 'Show the firmware boot menu and wait for a key.',
      talk: 'Disable the boot menu.' }),
    bootMenuWaitMs: numberField({ min: 0, max: 600_000, unit: 'ms', defaultText: '2500 (SeaBIOS)',
      description: 'How long the boot menu waits with the vCPU halted.', source: 'SeaBIOS DEFAULT_BOOTMENU_WAIT' }),
    grubTimeoutS: numberField({ min: 0, max: 3_600, unit: 's', defaultText: '5',
      description: 'GRUB menu timeout; GRUB polls the keyboard, so the vCPU is busy.', source: 'GRUB manual',
      talk: 'Change guest grub timeout to 0.' }),
    pamWrites: numberField({ min: 0, max: 64, int: true, defaultText: '13 (SeaBIOS)',
      description: 'Firmware writes to the PAM and SMRAM registers. Each changes the low-RAM layout, which can unmap and re-pin up to 3 GiB.',
      source: 'estimate: 5 to 14 by machine type and firmware (domain.md)' }),
    barDecodeToggles: numberField({ min: 0, max: 16, int: true, defaultText: '2 (SeaBIOS)',
      description: 'Memory-decode off/on cycles per BAR during PCI set-up; each re-creates the BAR\'s memslot and DMA map.' }),
    postMs: numberField({ min: 0, max: 600_000, unit: 'ms', defaultText: '170 (SeaBIOS)',
      description: 'The firmware\'s own work from reset to boot, without waits and QEMU exits.', source: 'domain.md: SeaBIOS about 0.17 s' }),
    kernelLoadMs: numberField({ min: 0, max: 600_000, unit: 'ms', defaultText: '300',
      description: 'Loading kernel and initrd and decompressing up to the first kernel log line.', source: 'domain.md: about 0.3-1 s' }),
  },
  { description: 'Guest firmware and boot loader.' },
);

const optimizations = group(
  {
    prezeroFreePages: booleanField({ defaultText: 'false',
      description: 'A kernel worker zeroes free pages in the background and sets PG_zero; allocation skips zeroing for those pages.',
      talk: 'Pre zero out free pages.', source: 'Liang Li, "mm: Add PG_zero support" RFC, LKML 2020-04-12' }),
    bulkPinning: booleanField({ defaultText: 'false',
      description: 'Pin a physically contiguous run of pages with one call and one page-table walk (get_user_ct_pages).',
      talk: 'Pin memory in bulk.' }),
    pinThreads: numberField({ min: 1, max: 256, int: true, defaultText: '1',
      description: 'Threads pinning guest RAM in parallel (multi-threaded pinning, proposed upstream).' }),
    userspaceDmaMapTracking: booleanField({ defaultText: 'false',
      description: 'QEMU remembers what is mapped, skips the unmap ioctl and unmaps only when a new map conflicts.',
      talk: 'Manage VFIO DMA map in user space.' }),
    splitIovaAt1MiB: booleanField({ defaultText: 'false',
      description: 'Split the IOVA range that holds 0x100000, so changes below 1 MiB leave the rest mapped.',
      talk: 'Split IOVA area which contains the address 0x100000.' }),
    skipRedundantReset: booleanField({ defaultText: 'false',
      description: 'Skip the second reset of each device in qemu_system_reset; it was just reset when opened.',
      talk: 'Remove the redundant PCI device reset.' }),
    parallelResets: booleanField({ defaultText: 'false', description: 'Reset all devices at once, one thread each.',
      talk: 'Do PCI device reset operations in parallel.' }),
    overlapResetWithDmaMap: booleanField({ defaultText: 'false',
      description: 'Reset devices on their own threads while the main thread pins guest RAM.',
      talk: 'Make PCI device reset in parallel with VFIO DMA map.' }),
    skipMmioDirtyLog: booleanField({ defaultText: 'false', description: 'Skip dirty-page bitmap work for BAR (MMIO) memslots.',
      talk: 'Skip PCI MMIO dirty page log related processing.' }),
    countEffectiveRmap: booleanField({ defaultText: 'false',
      description: 'Count effective rmap entries and skip the traversal of a memslot that has none.',
      talk: 'Make the rmap traversal more efficient.' }),
  },
  { description: 'The talk\'s fixes, each on its own switch.' },
);

export const scenarioSchema = documented(
  z.strictObject({
    $schema: documented(z.optional(z.string()), { description: 'JSON Schema reference for editors; ignored by the simulation.' }),
    name: documented(z.optional(z.string().check(z.maxLength(120))), { description: 'A short name shown in pickers and comparisons.' }),
    host,
    guest,
    devices,
    firmware,
    optimizations,
    seed: numberField({ min: 0, max: 2_147_483_647, int: true, defaultText: '1',
      description: 'Seeds the layout of pre-zeroed pages and of physical runs. Same scenario and seed give the same run.' }),
  }),
  { title: 'Bootline scenario', description: 'What a VM creation run is made of. Every field is optional.' },
);

/** The scenario as written: every field optional. */
export type ScenarioInput = z.infer<typeof scenarioSchema>;
