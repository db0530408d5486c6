/** The pipeline phases: the names the command line, the Trace and every view share. */

export const PHASES = [
  'qemu-start',
  'prealloc',
  'dma-map',
  'pci-reset',
  'bar-map',
  'kvm-memslots',
  'system-reset',
  'firmware',
  'boot-menu',
  'grub',
  'kernel-load',
] as const;
export type Phase = (typeof PHASES)[number];

/** A record over every phase, built without casts. */
export function byPhase<V>(f: (p: Phase) => V): Record<Phase, V> {
  return {
    'qemu-start': f('qemu-start'), prealloc: f('prealloc'), 'dma-map': f('dma-map'), 'pci-reset': f('pci-reset'),
    'bar-map': f('bar-map'), 'kvm-memslots': f('kvm-memslots'), 'system-reset': f('system-reset'), firmware: f('firmware'),
    'boot-menu': f('boot-menu'), grub: f('grub'), 'kernel-load': f('kernel-load'),
  };
}

/** A record with a zero for every phase. */
export function zeroByPhase(): Record<Phase, number> {
  return byPhase(() => 0);
}
