/**
 * Call stacks as the engine records them: short keys naming a stack (what runs, from where,
 * on which memory), not the frames themselves. The frames are text only the flame graph,
 * the function table and the CLI read, so they live in stack-frames.ts and stay out of the
 * code every page loads to run a scenario; stackFrames() turns a key into its frames.
 */
import type { MemoryBacking } from '../scenario/schema.ts';
import type { ResetMethod } from '../scenario/gpu-presets.ts';
import type { ResetReason } from '../trace/types.ts';

/** The stacks that take no arguments. */
export const FIXED_STACKS = [
  'qemuConfig', 'kvmCreateVm', 'vcpuCreate', 'vfioSetup', 'barMmap', 'qemuSystemReset', 'libvirtCont', 'qmpCont',
  'firmwarePost', 'firmwarePci', 'bootMenu', 'grubMenu', 'kernelLoad', 'worker',
] as const;
export type FixedStack = (typeof FIXED_STACKS)[number];

/** Where a DMA map or unmap is issued from. */
export type MapContext = 'realize' | 'pam-write' | 'bar-decode' | 'pin-thread';
export type PinStyle = 'page-by-page' | 'batch' | 'bulk';
export type PinPart = 'gupCall' | 'walk' | 'fault' | 'zero' | 'pin';
export type MemslotWho = 'ram-init' | 'pam-write' | 'bar-decode';
export type MemslotPart = 'metadata' | 'rmapWalk' | 'dirtyLog' | 'remove';

/** One call stack, by key; equal keys are the same frames, so the recorder interns by key. */
export type Stack =
  | FixedStack
  | `pin:${MapContext}:${PinStyle}:${MemoryBacking}:${PinPart}`
  | `unmap:${MapContext}`
  | `bar-map:${'raw-pfn' | 'follow-pte'}`
  | `memslot:${MemslotWho}:${MemslotPart}`
  | `reset:${ResetReason}:${'thread' | 'inline'}:${ResetMethod}`
  | `prealloc:${MemoryBacking}:${'fault' | 'zero'}`;

export const STACKS = Object.fromEntries(FIXED_STACKS.map((k) => [k, k])) as { readonly [K in FixedStack]: K };

export const WORKER_STACK: Stack = 'worker';

export function pinStacks(ctx: MapContext, style: PinStyle, backing: MemoryBacking) {
  const key = <P extends PinPart>(part: P) => `pin:${ctx}:${style}:${backing}:${part}` as const;
  return { gupCall: key('gupCall'), walk: key('walk'), fault: key('fault'), zero: key('zero'), pin: key('pin') };
}

export const unmapStack = (ctx: MapContext): Stack => `unmap:${ctx}`;

export const barMapStack = (rawPfn: boolean): Stack => (rawPfn ? 'bar-map:raw-pfn' : 'bar-map:follow-pte');

export function memslotStacks(who: MemslotWho) {
  const key = <P extends MemslotPart>(part: P) => `memslot:${who}:${part}` as const;
  return { metadata: key('metadata'), rmapWalk: key('rmapWalk'), dirtyLog: key('dirtyLog'), remove: key('remove') };
}

export const resetStack = (reason: ResetReason, onThread: boolean, method: ResetMethod): Stack =>
  `reset:${reason}:${onThread ? 'thread' : 'inline'}:${method}`;

export function preallocStacks(backing: MemoryBacking) {
  return { fault: `prealloc:${backing}:fault` as const, zero: `prealloc:${backing}:zero` as const };
}
