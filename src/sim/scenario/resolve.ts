/**
 * Fills every gap of a validated scenario: user value, else host profile / GPU preset /
 * firmware preset, else default. The result is what the engine runs and what a Trace
 * carries, so a share link reproduces the same run even if presets change later.
 */
import { HOST_PROFILES, type HostParams, type HostProfileName } from './host-profiles.ts';
import { GPU_PRESETS, type GpuPresetName, type ResetMethod } from './gpu-presets.ts';
import {
  DEFAULT_GRUB_TIMEOUT_S,
  DEFAULT_KERNEL_LOAD_MS,
  FIRMWARE_PRESETS,
  type FirmwareKind,
  type MachineType,
} from './firmware-presets.ts';
import type { MemoryBacking, NumaPolicy, ScenarioInput } from './schema.ts';

export interface GuestParams {
  readonly ramGiB: number;
  readonly vcpus: number;
  readonly memoryBacking: MemoryBacking;
  readonly prealloc: { readonly enabled: boolean; readonly threads: number };
  readonly numaPolicy: NumaPolicy;
  readonly machine: MachineType;
}

export interface DeviceParams {
  readonly gpu: GpuPresetName;
  readonly label: string;
  readonly count: number;
  readonly sharedContainer: boolean;
  readonly barMiB: readonly number[];
  readonly resetMethod: ResetMethod;
}

export interface FirmwareParams {
  readonly kind: FirmwareKind;
  readonly bootMenu: boolean;
  readonly bootMenuWaitMs: number;
  readonly grubTimeoutS: number;
  readonly pamWrites: number;
  readonly barDecodeToggles: number;
  readonly postMs: number;
  readonly kernelLoadMs: number;
}

export interface Optimizations {
  readonly prezeroFreePages: boolean;
  readonly bulkPinning: boolean;
  readonly pinThreads: number;
  readonly userspaceDmaMapTracking: boolean;
  readonly splitIovaAt1MiB: boolean;
  readonly skipRedundantReset: boolean;
  readonly parallelResets: boolean;
  readonly overlapResetWithDmaMap: boolean;
  readonly skipMmioDirtyLog: boolean;
  readonly countEffectiveRmap: boolean;
}

export interface Scenario {
  readonly name: string;
  readonly host: HostParams;
  readonly guest: GuestParams;
  readonly devices: DeviceParams;
  readonly firmware: FirmwareParams;
  readonly optimizations: Optimizations;
  readonly seed: number;
}

export const DEFAULT_OPTIMIZATIONS: Optimizations = {
  prezeroFreePages: false,
  bulkPinning: false,
  pinThreads: 1,
  userspaceDmaMapTracking: false,
  splitIovaAt1MiB: false,
  skipRedundantReset: false,
  parallelResets: false,
  overlapResetWithDmaMap: false,
  skipMmioDirtyLog: false,
  countEffectiveRmap: false,
};

/** The talk's baseline: 256 GiB, 4 x P40, 4 KiB pages (slides "Background", "Base line data"). */
export const DEFAULT_GUEST: GuestParams = {
  ramGiB: 256,
  vcpus: 8,
  memoryBacking: 'anonymous-4k',
  prealloc: { enabled: false, threads: 1 },
  numaPolicy: 'local',
  machine: 'i440fx',
};

export const DEFAULT_PROFILE: HostProfileName = 'didi-2020';
export const DEFAULT_GPU: GpuPresetName = 'tesla-p40';
export const DEFAULT_GPU_COUNT = 4;
export const DEFAULT_SEED = 1;

function resolveHost(input: ScenarioInput['host']): HostParams {
  const base = HOST_PROFILES[input?.profile ?? DEFAULT_PROFILE];
  const h = input ?? {};
  const pool = h.freePool ?? {};
  const worker = h.prezeroWorker ?? {};
  const k = h.kernel ?? {};
  return {
    profile: base.profile,
    label: base.label,
    zeroingGBps: h.zeroingGBps ?? base.zeroingGBps,
    zeroingGBps2M: h.zeroingGBps2M ?? base.zeroingGBps2M,
    zeroingGBps1G: h.zeroingGBps1G ?? base.zeroingGBps1G,
    memoryBandwidthGBps: h.memoryBandwidthGBps ?? base.memoryBandwidthGBps,
    faultNsPer4K: h.faultNsPer4K ?? base.faultNsPer4K,
    hugeFaultNs: h.hugeFaultNs ?? base.hugeFaultNs,
    gupCallNs: h.gupCallNs ?? base.gupCallNs,
    pinNsPer4K: h.pinNsPer4K ?? base.pinNsPer4K,
    unpinNsPer4K: h.unpinNsPer4K ?? base.unpinNsPer4K,
    pageTableReadNs: h.pageTableReadNs ?? base.pageTableReadNs,
    rmapWalkNsPer4K: h.rmapWalkNsPer4K ?? base.rmapWalkNsPer4K,
    barPfnNsPer4K: h.barPfnNsPer4K ?? base.barPfnNsPer4K,
    barRawPfnMapUs: h.barRawPfnMapUs ?? base.barRawPfnMapUs,
    dirtyLogNsPer4K: h.dirtyLogNsPer4K ?? base.dirtyLogNsPer4K,
    qemuStartMs: h.qemuStartMs ?? base.qemuStartMs,
    vfioSetupMs: h.vfioSetupMs ?? base.vfioSetupMs,
    libvirtContMs: h.libvirtContMs ?? base.libvirtContMs,
    hostCpus: h.hostCpus ?? base.hostCpus,
    numaNodes: h.numaNodes ?? base.numaNodes,
    numaRemoteFactor: h.numaRemoteFactor ?? base.numaRemoteFactor,
    freePool: {
      prezeroedShare: pool.prezeroedShare ?? base.freePool.prezeroedShare,
      fragmentation: pool.fragmentation ?? base.freePool.fragmentation,
    },
    prezeroWorker: {
      batchMiB: worker.batchMiB ?? base.prezeroWorker.batchMiB,
      delayMs: worker.delayMs ?? base.prezeroWorker.delayMs,
    },
    kernel: {
      batchPinning: k.batchPinning ?? base.kernel.batchPinning,
      rawPfnBarMapping: k.rawPfnBarMapping ?? base.kernel.rawPfnBarMapping,
      fastPciResetDelay: k.fastPciResetDelay ?? base.kernel.fastPciResetDelay,
      rmapWalkOnMemslotCreate: k.rmapWalkOnMemslotCreate ?? base.kernel.rmapWalkOnMemslotCreate,
      hugetlbPrezero: k.hugetlbPrezero ?? base.kernel.hugetlbPrezero,
    },
  };
}

function resolveDevices(input: ScenarioInput['devices']): DeviceParams {
  const d = input ?? {};
  const preset = GPU_PRESETS[d.gpu ?? DEFAULT_GPU];
  return {
    gpu: preset.name,
    label: preset.label,
    count: d.count ?? DEFAULT_GPU_COUNT,
    sharedContainer: d.sharedContainer ?? true,
    barMiB: d.barMiB ?? preset.barMiB,
    resetMethod: d.resetMethod ?? preset.resetMethod,
  };
}

function resolveFirmware(input: ScenarioInput['firmware']): FirmwareParams {
  const f = input ?? {};
  const kind = f.kind ?? 'seabios';
  const preset = FIRMWARE_PRESETS[kind];
  return {
    kind,
    bootMenu: f.bootMenu ?? preset.bootMenu,
    bootMenuWaitMs: f.bootMenuWaitMs ?? preset.bootMenuWaitMs,
    grubTimeoutS: f.grubTimeoutS ?? DEFAULT_GRUB_TIMEOUT_S,
    pamWrites: f.pamWrites ?? preset.pamWrites,
    barDecodeToggles: f.barDecodeToggles ?? preset.barDecodeToggles,
    postMs: f.postMs ?? preset.postMs,
    kernelLoadMs: f.kernelLoadMs ?? DEFAULT_KERNEL_LOAD_MS,
  };
}

export function resolveScenario(input: ScenarioInput): Scenario {
  const g = input.guest ?? {};
  return {
    name: input.name ?? '',
    host: resolveHost(input.host),
    guest: {
      ramGiB: g.ramGiB ?? DEFAULT_GUEST.ramGiB,
      vcpus: g.vcpus ?? DEFAULT_GUEST.vcpus,
      memoryBacking: g.memoryBacking ?? DEFAULT_GUEST.memoryBacking,
      prealloc: {
        enabled: g.prealloc?.enabled ?? DEFAULT_GUEST.prealloc.enabled,
        threads: g.prealloc?.threads ?? DEFAULT_GUEST.prealloc.threads,
      },
      numaPolicy: g.numaPolicy ?? DEFAULT_GUEST.numaPolicy,
      machine: g.machine ?? DEFAULT_GUEST.machine,
    },
    devices: resolveDevices(input.devices),
    firmware: resolveFirmware(input.firmware),
    optimizations: resolveOptimizations(input.optimizations),
    seed: input.seed ?? DEFAULT_SEED,
  };
}

function resolveOptimizations(input: ScenarioInput['optimizations']): Optimizations {
  const o = input ?? {};
  const d = DEFAULT_OPTIMIZATIONS;
  return {
    prezeroFreePages: o.prezeroFreePages ?? d.prezeroFreePages,
    bulkPinning: o.bulkPinning ?? d.bulkPinning,
    pinThreads: o.pinThreads ?? d.pinThreads,
    userspaceDmaMapTracking: o.userspaceDmaMapTracking ?? d.userspaceDmaMapTracking,
    splitIovaAt1MiB: o.splitIovaAt1MiB ?? d.splitIovaAt1MiB,
    skipRedundantReset: o.skipRedundantReset ?? d.skipRedundantReset,
    parallelResets: o.parallelResets ?? d.parallelResets,
    overlapResetWithDmaMap: o.overlapResetWithDmaMap ?? d.overlapResetWithDmaMap,
    skipMmioDirtyLog: o.skipMmioDirtyLog ?? d.skipMmioDirtyLog,
    countEffectiveRmap: o.countEffectiveRmap ?? d.countEffectiveRmap,
  };
}
