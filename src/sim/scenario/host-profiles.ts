/**
 * Named host profiles. Each one is the host a set of published measurements was
 * taken on; the calibration suite runs every target with the profile of its host.
 *
 * Sources are cited per constant. "(derived)" marks arithmetic on sourced numbers;
 * "(assumption)" marks a modelling choice with no direct measurement behind it.
 * The calibration targets themselves are listed in test/sim/calibration.test.ts.
 */

export const HOST_PROFILE_NAMES = ['didi-2020', 'broadwell-2node', 'amd-milan-2025', 'modern-2025'] as const;
export type HostProfileName = (typeof HOST_PROFILE_NAMES)[number];

export interface KernelSwitches {
  /** vfio/type1 pins 512 pages per pin_user_pages call (Linux 5.12, "vfio/type1: Batch page pinning"). */
  readonly batchPinning: boolean;
  /** DMA-mapping a VM_PFNMAP (BAR) range does not walk page by page (2018 fix). */
  readonly rawPfnBarMapping: boolean;
  /** A bus reset waits about 100 ms plus readiness polling instead of a fixed 1 s (2023, ac91e6980563). */
  readonly fastPciResetDelay: boolean;
  /** Pre-5.8 KVM walks every rmap head of a new memslot when PML is on. */
  readonly rmapWalkOnMemslotCreate: boolean;
  /** The hugetlb pre-zero RFC (2020-12-22): hugetlbfs pool pages can carry PG_zero. */
  readonly hugetlbPrezero: boolean;
}

export interface FreePool {
  /** Share of the free pages the guest will get that carry PG_zero at QEMU start (0..1). */
  readonly prezeroedShare: number;
  /** 0 = physically contiguous free memory, 1 = every page apart. */
  readonly fragmentation: number;
}

export interface PrezeroWorker {
  /** Bytes the worker zeroes per page-reporting cycle (RFC v2 sysfs zero_page/batch_size). */
  readonly batchMiB: number;
  /** Sleep between cycles (RFC v2 sysfs zero_page/delay_millisecs). */
  readonly delayMs: number;
}

export interface HostParams {
  readonly profile: HostProfileName;
  readonly label: string;
  /** One thread clearing 4 KiB pages (clear_page_erms), decimal GB/s. */
  readonly zeroingGBps: number;
  /** One thread clearing a 2 MiB page in one go. */
  readonly zeroingGBps2M: number;
  /** One thread clearing a 1 GiB page in one go. */
  readonly zeroingGBps1G: number;
  /** Ceiling when several threads zero at once. */
  readonly memoryBandwidthGBps: number;
  /** First touch of a 4 KiB anonymous page: allocate, charge, map; zeroing excluded. */
  readonly faultNsPer4K: number;
  /** First touch of a 2 MiB or 1 GiB page; zeroing excluded. */
  readonly hugeFaultNs: number;
  /** Fixed cost of one get_user_pages call: mmap lock, find_vma, VMA checks. */
  readonly gupCallNs: number;
  /** Per 4 KiB page in a pin: refcount, locked-memory accounting, IOMMU PTE. Walk excluded. */
  readonly pinNsPer4K: number;
  /** Per 4 KiB page in an unmap: iommu_iova_to_phys, unpin (put_pfn), IOTLB share. */
  readonly unpinNsPer4K: number;
  /** One page-table entry read during a walk (mostly cache hits). */
  readonly pageTableReadNs: number;
  /** Per 4 KiB of a new memslot when KVM walks its rmap heads with PML on. */
  readonly rmapWalkNsPer4K: number;
  /** Per 4 KiB of a BAR when DMA-mapping a PFNMAP range page by page. */
  readonly barPfnNsPer4K: number;
  /** DMA-mapping a whole BAR once the raw-PFN fix is in. */
  readonly barRawPfnMapUs: number;
  /** Processing one page of a memslot's dirty bitmap (set-up and sync). */
  readonly dirtyLogNsPer4K: number;
  /** QEMU from exec to the end of its fixed start-up work (config, KVM_CREATE_VM, threads). */
  readonly qemuStartMs: number;
  /** Opening a VFIO container and group and attaching the IOMMU domain. */
  readonly vfioSetupMs: number;
  /** libvirt's QMP round trip from "QEMU ready" to the vCPUs running. */
  readonly libvirtContMs: number;
  readonly hostCpus: number;
  readonly numaNodes: number;
  /** Cost multiplier for allocating and zeroing on a remote NUMA node. */
  readonly numaRemoteFactor: number;
  readonly freePool: FreePool;
  readonly prezeroWorker: PrezeroWorker;
  readonly kernel: KernelSwitches;
}

/**
 * The talk's host (Didi Chuxing, 2020; Intel, two sockets). Fitted so that the PG_zero
 * RFC's 64 GiB table (LKML 2020-04-12) comes out within tolerance:
 *   4 KiB 24.3 s, 4 KiB + PG_zero 10.6 s, THP 15.9 s, THP + PG_zero 1.9 s.
 * Differences: PG_zero saves 13.7 s and 14.0 s (zeroing 64 GiB), THP saves 8.4 s (the
 * per-4 KiB fault), leaving about 1.9 s of fixed work.
 */
const didi2020: HostParams = {
  profile: 'didi-2020',
  label: 'Didi 2020 (Intel, 2 sockets, Linux 4.19/5.4 era)',
  // (derived) 64 GiB zeroed in 14.0 s (RFC table, THP minus THP+PG_zero) = 4.9 GB/s;
  // domain.md target #13 says about 4.7 GB/s +-15%.
  zeroingGBps: 4.9,
  // (derived) clear_huge_page clears 4 KiB subpages one by one: same rate.
  zeroingGBps2M: 4.9,
  zeroingGBps1G: 4.9,
  // (assumption) one socket's practical DDR4 bandwidth.
  memoryBandwidthGBps: 60,
  // (derived) 4 KiB+PG_zero minus THP+PG_zero = 8.7 s over 16.8 M pages = 518 ns per page,
  // less the extra PTE-level read of the walk.
  faultNsPer4K: 514,
  // (assumption) THP/hugetlb fault without the clear: allocation and PMD set-up.
  hugeFaultNs: 2_000,
  // (derived) THP+PG_zero leaves about 0.8 s of pinning for 16.8 M subpages: 48 ns each,
  // split into call 20 + 3 reads x 5 + pin 13.
  gupCallNs: 20,
  pinNsPer4K: 13,
  // (assumption) unmap walks iommu_iova_to_phys per page and drops a reference.
  unpinNsPer4K: 30,
  // (derived, see gupCallNs) sequential walks mostly hit the cache.
  pageTableReadNs: 5,
  // (assumption) one 8-byte rmap head read and test per 4 KiB under mmu_lock.
  rmapWalkNsPer4K: 3,
  // (derived) "vfio/type1: Improve memory pinning process for raw PFN mapping" (2018):
  // a 16 GiB BAR took about 0.4 s before the fix = 95 ns per 4 KiB.
  barPfnNsPer4K: 95,
  // same commit: about 1.5 us after the fix.
  barRawPfnMapUs: 1.5,
  // (assumption) walking and clearing one bit of a dirty bitmap plus its sync in QEMU.
  dirtyLogNsPer4K: 2,
  // domain.md: QEMU's fixed start-up is about 0.4-2 s; the design baseline uses 0.45 s.
  qemuStartMs: 450,
  // (assumption) group open, VFIO_SET_IOMMU and domain attach.
  vfioSetupMs: 20,
  // (assumption) one QMP "cont" round trip from libvirt.
  libvirtContMs: 20,
  hostCpus: 96,
  numaNodes: 2,
  // (assumption) a two-socket remote access costs about 1.4x a local one.
  numaRemoteFactor: 1.4,
  // A quiet host: the worker has caught up, every free page carries PG_zero (when the
  // feature is on at all). Physical contiguity: (assumption) a host that has run a while.
  freePool: { prezeroedShare: 1, fragmentation: 0.3 },
  // RFC v2 (2020-12-21) sysfs defaults: batch_size 64 MiB, delay_millisecs 1000.
  prezeroWorker: { batchMiB: 64, delayMs: 1_000 },
  kernel: {
    batchPinning: false,
    // The 2018 fix predates the talk's kernels; BAR mapping is not among the talk's issues.
    rawPfnBarMapping: true,
    fastPciResetDelay: false,
    // The talk names rmap traversal with PML as a cost: a pre-5.8 kernel.
    rmapWalkOnMemslotCreate: true,
    hugetlbPrezero: false,
  },
};

/**
 * Daniel Jordan's test host for "vfio/type1: Batch page pinning" (2021): a two-node
 * Broadwell. Pin-only times for 4 KiB pages not yet populated: 1 GiB 0.61 s ... 120 GiB
 * 32.45 s; a linear fit gives 0.2676 s per GiB plus 0.34 s of fixed set-up.
 */
const broadwell2node: HostParams = {
  ...didi2020,
  profile: 'broadwell-2node',
  label: 'Broadwell, 2 nodes (vfio batch pinning, 2021)',
  // (derived) 1.02 us per 4 KiB page, "about 79% of the time in clear_page": 0.806 us
  // per 4 KiB = 5.08 GB/s.
  zeroingGBps: 5.08,
  zeroingGBps2M: 5.08,
  zeroingGBps1G: 5.08,
  // (derived) batching 512 pages saves "about 8%" = 82 ns per page, the per-call cost.
  gupCallNs: 82,
  // (derived) the remaining 132 ns: fault 100, four reads of 4 ns, pin 16.
  faultNsPer4K: 100,
  pageTableReadNs: 4,
  pinNsPer4K: 16,
  // (derived) intercept of the linear fit: the test's container and domain set-up.
  vfioSetupMs: 340,
  hostCpus: 88,
  kernel: { ...didi2020.kernel, rmapWalkOnMemslotCreate: false },
};

/**
 * AMD Milan with the x86 clear_pages patches (2025): clearing in larger chunks is much
 * faster for huge pages. Only the zeroing rates are measured; the rest is the talk's host.
 */
const amdMilan2025: HostParams = {
  ...didi2020,
  profile: 'amd-milan-2025',
  label: 'AMD Milan with clear_pages (2025)',
  // x86 clear_pages patch series (2025) cover letter: 13.7 GB/s clearing 4 KiB pages,
  // 15.1 GB/s for 2 MiB, 38.1 GB/s for 1 GiB chunks, one thread.
  zeroingGBps: 13.7,
  zeroingGBps2M: 15.1,
  zeroingGBps1G: 38.1,
  // (assumption) eight-channel DDR4-3200 socket.
  memoryBandwidthGBps: 150,
  hostCpus: 128,
  kernel: {
    batchPinning: true,
    rawPfnBarMapping: true,
    fastPciResetDelay: true,
    rmapWalkOnMemslotCreate: false,
    hugetlbPrezero: false,
  },
};

/**
 * A current host with every upstream change since 2020 (batch pinning 5.12, the 2023
 * reset delay, no rmap walk on memslot creation since 5.8) and the talk's host costs
 * otherwise. For "what is still slow on a modern host".
 */
const modern2025: HostParams = {
  ...didi2020,
  profile: 'modern-2025',
  label: 'Current kernel, Intel 2-socket (2025)',
  kernel: amdMilan2025.kernel,
};

export const HOST_PROFILES: Readonly<Record<HostProfileName, HostParams>> = {
  'didi-2020': didi2020,
  'broadwell-2node': broadwell2node,
  'amd-milan-2025': amdMilan2025,
  'modern-2025': modern2025,
};
