/**
 * The scenario: the one definition of every key a user can edit, with its type, bounds and
 * unit. Every field is optional; resolve.ts fills the gaps from the host profile, the GPU
 * preset, the firmware preset and the defaults. What each field means (description, default,
 * source) is in field-docs.ts, loaded only by the editor and the JSON Schema. Key names are
 * a public interface (lessons, share links, scripts): add fields freely, rename none
 * without a migration.
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
/**
 * Slowest zeroing or memory bandwidth: 10 MB/s, far below any real host. A bandwidth just
 * above 0 would price 16 TiB at more microseconds than a number holds (1e-300 GB/s gave an
 * infinite span), so the floor is a bound the model can run, not a measurement.
 */
export const MIN_BANDWIDTH_GBPS = 0.01;

const kernel = group({
  batchPinning: booleanField(),
  rawPfnBarMapping: booleanField(),
  fastPciResetDelay: booleanField(),
  rmapWalkOnMemslotCreate: booleanField(),
  hugetlbPrezero: booleanField(),
});

const host = group({
  profile: enumField(HOST_PROFILE_NAMES),
  zeroingGBps: numberField({ min: MIN_BANDWIDTH_GBPS, max: 1_000, unit: 'GB/s' }),
  zeroingGBps2M: numberField({ min: MIN_BANDWIDTH_GBPS, max: 1_000, unit: 'GB/s' }),
  zeroingGBps1G: numberField({ min: MIN_BANDWIDTH_GBPS, max: 1_000, unit: 'GB/s' }),
  memoryBandwidthGBps: numberField({ min: MIN_BANDWIDTH_GBPS, max: 10_000, unit: 'GB/s' }),
  faultNsPer4K: numberField({ min: 0, max: 1_000_000, unit: 'ns' }),
  hugeFaultNs: numberField({ min: 0, max: 100_000_000, unit: 'ns' }),
  gupCallNs: numberField({ min: 0, max: 1_000_000, unit: 'ns' }),
  pinNsPer4K: numberField({ min: 0, max: 1_000_000, unit: 'ns' }),
  unpinNsPer4K: numberField({ min: 0, max: 1_000_000, unit: 'ns' }),
  pageTableReadNs: numberField({ min: 0, max: 10_000, unit: 'ns' }),
  rmapWalkNsPer4K: numberField({ min: 0, max: 10_000, unit: 'ns' }),
  barPfnNsPer4K: numberField({ min: 0, max: 100_000, unit: 'ns' }),
  barRawPfnMapUs: numberField({ min: 0, max: 1_000_000, unit: 'µs' }),
  dirtyLogNsPer4K: numberField({ min: 0, max: 10_000, unit: 'ns' }),
  qemuStartMs: numberField({ min: 0, max: 600_000, unit: 'ms' }),
  vfioSetupMs: numberField({ min: 0, max: 600_000, unit: 'ms' }),
  libvirtContMs: numberField({ min: 0, max: 600_000, unit: 'ms' }),
  hostCpus: numberField({ min: 1, max: 4_096, int: true }),
  numaNodes: numberField({ min: 1, max: 64, int: true }),
  numaRemoteFactor: numberField({ min: 1, max: 10 }),
  freePool: group({
    prezeroedShare: numberField({ min: 0, max: 1 }),
    fragmentation: numberField({ min: 0, max: 1 }),
  }),
  prezeroWorker: group({
    batchMiB: numberField({ min: 1, max: 1_048_576, unit: 'MiB' }),
    delayMs: numberField({ min: 0, max: 3_600_000, unit: 'ms' }),
  }),
  kernel,
});

const guest = group({
  ramGiB: numberField({ min: MIN_RAM_GIB, max: MAX_RAM_GIB, unit: 'GiB' }),
  vcpus: numberField({ min: 1, max: 1_024, int: true }),
  memoryBacking: enumField(MEMORY_BACKINGS),
  prealloc: group({
    enabled: booleanField(),
    threads: numberField({ min: 1, max: 1_024, int: true }),
  }),
  numaPolicy: enumField(NUMA_POLICIES),
  machine: enumField(MACHINE_TYPES),
});

const devices = group({
  gpu: enumField(GPU_PRESET_NAMES),
  count: numberField({ min: 0, max: MAX_DEVICES, int: true }),
  sharedContainer: booleanField(),
  barMiB: documented(z.optional(z.array(z.number().check(z.gte(0.004), z.lte(1_048_576))).check(z.minLength(1), z.maxLength(6))), {
    'x-unit': 'MiB',
  }),
  resetMethod: enumField(RESET_METHODS),
});

const firmware = group({
  kind: enumField(FIRMWARE_KINDS),
  bootMenu: booleanField(),
  bootMenuWaitMs: numberField({ min: 0, max: 600_000, unit: 'ms' }),
  grubTimeoutS: numberField({ min: 0, max: 3_600, unit: 's' }),
  pamWrites: numberField({ min: 0, max: 64, int: true }),
  barDecodeToggles: numberField({ min: 0, max: 16, int: true }),
  postMs: numberField({ min: 0, max: 600_000, unit: 'ms' }),
  kernelLoadMs: numberField({ min: 0, max: 600_000, unit: 'ms' }),
});

const optimizations = group({
  prezeroFreePages: booleanField(),
  bulkPinning: booleanField(),
  pinThreads: numberField({ min: 1, max: 256, int: true }),
  userspaceDmaMapTracking: booleanField(),
  splitIovaAt1MiB: booleanField(),
  skipRedundantReset: booleanField(),
  parallelResets: booleanField(),
  overlapResetWithDmaMap: booleanField(),
  skipMmioDirtyLog: booleanField(),
  countEffectiveRmap: booleanField(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.optional(z.string()),
  name: z.optional(z.string().check(z.maxLength(120))),
  host,
  guest,
  devices,
  firmware,
  optimizations,
  seed: numberField({ min: 0, max: 2_147_483_647, int: true }),
});

/** The scenario as written: every field optional. */
export type ScenarioInput = z.infer<typeof scenarioSchema>;
