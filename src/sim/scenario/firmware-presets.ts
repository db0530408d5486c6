/** Guest firmware presets: what the firmware kind implies before the scenario overrides it. */

export const FIRMWARE_KINDS = ['seabios', 'ovmf'] as const;
export type FirmwareKind = (typeof FIRMWARE_KINDS)[number];

export const MACHINE_TYPES = ['i440fx', 'q35'] as const;
export type MachineType = (typeof MACHINE_TYPES)[number];

export interface FirmwarePreset {
  /** Firmware's own work from reset vector to boot, without waits and QEMU exits. */
  readonly postMs: number;
  readonly bootMenu: boolean;
  readonly bootMenuWaitMs: number;
  readonly pamWrites: number;
  readonly barDecodeToggles: number;
}

export const FIRMWARE_PRESETS: Readonly<Record<FirmwareKind, FirmwarePreset>> = {
  seabios: {
    // domain.md: SeaBIOS takes about 0.17 s to hand-off.
    postMs: 170,
    bootMenu: true,
    // SeaBIOS DEFAULT_BOOTMENU_WAIT (src/boot.c).
    bootMenuWaitMs: 2_500,
    // (estimate) domain.md: 5 to 14 full low-RAM remaps depending on machine and firmware;
    // i440fx has 13 PAM segments. call-paths.md section 8 reads about 5 for SeaBIOS 1.13.
    pamWrites: 13,
    // (estimate) memory-decode off/on cycles per BAR while sizing and enabling.
    barDecodeToggles: 2,
  },
  ovmf: {
    // (assumption) OVMF's PEI and DXE phases are slower than SeaBIOS.
    postMs: 1_500,
    bootMenu: false,
    bootMenuWaitMs: 0,
    // (assumption) PlatformPei programs the PAM once for writable and once read-only.
    pamWrites: 2,
    barDecodeToggles: 1,
  },
};

/** GRUB's default GRUB_TIMEOUT (GRUB manual). */
export const DEFAULT_GRUB_TIMEOUT_S = 5;
/** domain.md: loading kernel and initrd takes about 0.3-1 s. */
export const DEFAULT_KERNEL_LOAD_MS = 300;
