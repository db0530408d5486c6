/**
 * Passthrough device presets. BAR sizes decide the BAR memslots and DMA maps; the reset
 * method decides how long each reset sleeps.
 */

export const GPU_PRESET_NAMES = ['tesla-p40', 'tesla-p100', 'tesla-v100', 'a100', 'h100', 'nic-flr'] as const;
export type GpuPresetName = (typeof GPU_PRESET_NAMES)[number];

export const RESET_METHODS = ['bus', 'flr'] as const;
/**
 * bus: secondary bus reset through the parent bridge (msleep 2 + ssleep 1 before 2023).
 * flr: PCIe function-level reset (msleep 100, then readiness polling).
 */
export type ResetMethod = (typeof RESET_METHODS)[number];

export interface GpuPreset {
  readonly name: GpuPresetName;
  readonly label: string;
  /** Memory BARs in MiB, in BAR order. Each becomes a memslot and a DMA mapping. */
  readonly barMiB: readonly number[];
  readonly resetMethod: ResetMethod;
}

export const GPU_PRESETS: Readonly<Record<GpuPresetName, GpuPreset>> = {
  // The talk's card. BARs: call-paths.md section 5 ("16 MiB + 32 GiB + 32 MiB on a
  // P40/P100-class card"). Reset: the talk, "one PCI device reset takes about 1 second",
  // the duration of a secondary bus reset before 2023 (drivers/pci, ssleep(1)).
  'tesla-p40': { name: 'tesla-p40', label: 'Tesla P40', barMiB: [16, 32 * 1024, 32], resetMethod: 'bus' },
  // Same BAR layout per call-paths.md section 5; bus reset (assumption: same generation).
  'tesla-p100': { name: 'tesla-p100', label: 'Tesla P100', barMiB: [16, 32 * 1024, 32], resetMethod: 'bus' },
  // (assumption) 32 GiB BAR1 like the P40; reset method not verified, bus reset assumed.
  'tesla-v100': { name: 'tesla-v100', label: 'Tesla V100', barMiB: [16, 32 * 1024, 32], resetMethod: 'bus' },
  // (assumption) 128 GiB BAR1 for an 80 GB card; FLR assumed.
  a100: { name: 'a100', label: 'A100 80GB', barMiB: [16, 128 * 1024, 32], resetMethod: 'flr' },
  // domain.md: "128 GiB on an H100". FLR assumed.
  h100: { name: 'h100', label: 'H100', barMiB: [16, 128 * 1024, 32], resetMethod: 'flr' },
  // Any PCI passthrough device (the talk's conclusion): a NIC with small BARs and FLR.
  'nic-flr': { name: 'nic-flr', label: 'NIC with FLR', barMiB: [32, 1], resetMethod: 'flr' },
};

/**
 * Reset sleeps, in ms, by method and kernel era.
 * Bus reset before 2023: msleep(2) with the bus in reset, ssleep(1) after (Linux
 * drivers/pci/pci.c pci_reset_secondary_bus), then pci_dev_wait: about 1,002 ms.
 * Since ac91e6980563 (2023) PCIe waits about 100 ms plus readiness polling.
 * FLR: msleep(100) then pci_dev_wait (PCIe r4.0 6.6.2, pcie_flr).
 */
export const RESET_SLEEP_MS = {
  bus: { legacy: 1_002, fast: 102 },
  flr: { legacy: 100, fast: 100 },
} as const;

/** (assumption) save/restore of config space and the first successful readiness poll. */
export const RESET_OVERHEAD_MS = 4;
