/**
 * One sentence per phase: what the time is spent on. Its own file: only the help views (the
 * hover card, the phase table, the command line's help) read it, so the text stays out of
 * the code every page loads first.
 */
import type { Phase } from './phases.ts';

export const PHASE_HELP: Readonly<Record<Phase, string>> = {
  'qemu-start': 'QEMU parses its configuration, creates the VM (KVM_CREATE_VM) and the vCPU threads.',
  prealloc: 'QEMU touches every page of guest RAM up front (memory-backend prealloc=on); each first touch zeroes a page.',
  'dma-map': 'VFIO_IOMMU_MAP_DMA of guest RAM: fault in, zero and pin every page, map it in the IOMMU (also re-pins after a PAM write).',
  'pci-reset': 'Reset #1: the kernel resets a device when VFIO_GROUP_GET_DEVICE_FD opens it.',
  'bar-map': 'Mapping GPU BARs: mmap at realize, then DMA map (peer-to-peer) when the firmware turns on memory decode.',
  'kvm-memslots': 'KVM memslots: zeroed rmap metadata, the rmap walk with PML, dirty bitmaps for BAR slots.',
  'system-reset': 'Reset #2: qemu_system_reset resets every VFIO device again before the vCPUs start.',
  firmware: 'Guest firmware (SeaBIOS or OVMF) running POST, PCI set-up and SMM set-up.',
  'boot-menu': 'The firmware boot menu waits for a key with the vCPU halted.',
  grub: 'GRUB\'s menu timeout: the vCPU polls the keyboard until it runs out.',
  'kernel-load': 'GRUB loads kernel and initrd; the kernel decompresses and prints its first line.',
};
