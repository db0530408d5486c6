/**
 * What the machines ask of the world. A machine decides what happens and in which order;
 * a port performs one step on the simulated host (memory, IOVA mappings, counters),
 * records it in the Trace and returns how long it takes, priced by src/sim/model.
 * Every port method starts its step at the clock's current time.
 */
import type { Micros } from '../time.ts';
import type { ResetReason } from '../trace/types.ts';

export interface PipelinePorts {
  qemuStart(): Micros;
  prealloc(): Micros;
  ramMemslots(): Micros;
  /** VFIO container set-up and DMA map of guest RAM for device `gpu`'s container. */
  containerMap(gpu: number): Micros;
  barMmap(gpu: number): Micros;
  /** qemu_system_reset's own work before the device resets. */
  systemResetBegin(): Micros;
  /** The main thread starts waiting for resets running on other threads. */
  beginWait(phase: 'pci-reset' | 'system-reset'): void;
  endWait(): void;
  libvirtCont(): Micros;
  vcpuStart(): void;
  firstKernelLog(): void;
}

export interface DevicePorts {
  reset(gpu: number, reason: ResetReason, onThread: boolean): Micros;
  /** How long a reset queued on the single helper thread waits for it. */
  resetQueueWait(gpu: number): Micros;
  skipReset(gpu: number, reason: ResetReason): void;
}

export type FirmwareSegment = 'post' | 'pci-enumeration' | 'smm-setup' | 'option-roms' | 'prepare-boot';

export interface FirmwarePorts {
  post(segment: FirmwareSegment): Micros;
  pamWrite(index: number): Micros;
  enableBars(gpu: number): Micros;
  bootMenu(): Micros;
  grub(): Micros;
  kernelLoad(): Micros;
}

export interface WorkerPorts {
  /** The worker starts clearing; the world sends it `worker.caughtUp` when it has cleared all it can reach. */
  workerStart(): void;
}

export interface Ports extends PipelinePorts, DevicePorts, FirmwarePorts, WorkerPorts {}
