/**
 * Which scenario fields decide the length of each kind of step, as dotted paths. The
 * views use them to answer "which knob drives this span" and to jump to it in the editor.
 */
export const CAUSES = {
  qemuStart: ['host.qemuStartMs'],
  prealloc: ['guest.prealloc.enabled', 'guest.prealloc.threads', 'guest.ramGiB', 'guest.memoryBacking', 'host.zeroingGBps'],
  ramMemslots: ['guest.ramGiB', 'host.kernel.rmapWalkOnMemslotCreate', 'optimizations.countEffectiveRmap'],
  dmaMap: [
    'guest.ramGiB', 'guest.memoryBacking', 'optimizations.prezeroFreePages', 'host.freePool.prezeroedShare',
    'optimizations.bulkPinning', 'host.freePool.fragmentation', 'optimizations.pinThreads', 'host.zeroingGBps',
    'host.faultNsPer4K', 'host.kernel.batchPinning', 'devices.sharedContainer', 'guest.prealloc.enabled', 'guest.numaPolicy',
  ],
  deviceOpenReset: [
    'devices.count', 'devices.gpu', 'devices.resetMethod', 'optimizations.parallelResets',
    'optimizations.overlapResetWithDmaMap', 'host.kernel.fastPciResetDelay',
  ],
  systemReset: ['optimizations.skipRedundantReset', 'optimizations.parallelResets', 'devices.count', 'devices.resetMethod'],
  barMmap: ['devices.gpu', 'devices.barMiB'],
  barMap: ['devices.gpu', 'devices.barMiB', 'host.kernel.rawPfnBarMapping', 'firmware.barDecodeToggles', 'optimizations.userspaceDmaMapTracking'],
  barMemslots: ['devices.barMiB', 'optimizations.skipMmioDirtyLog', 'optimizations.countEffectiveRmap', 'firmware.barDecodeToggles',
    'host.kernel.rmapWalkOnMemslotCreate'],
  pamRemap: ['firmware.pamWrites', 'optimizations.userspaceDmaMapTracking', 'optimizations.splitIovaAt1MiB', 'guest.machine'],
  pamMemslots: ['firmware.pamWrites', 'guest.machine', 'optimizations.countEffectiveRmap'],
  firmware: ['firmware.kind', 'firmware.postMs'],
  bootMenu: ['firmware.bootMenu', 'firmware.bootMenuWaitMs'],
  grub: ['firmware.grubTimeoutS'],
  kernelLoad: ['firmware.kernelLoadMs'],
  libvirt: ['host.libvirtContMs'],
  worker: ['optimizations.prezeroFreePages', 'host.freePool.prezeroedShare', 'host.prezeroWorker.batchMiB', 'host.prezeroWorker.delayMs'],
} as const satisfies Record<string, readonly string[]>;
