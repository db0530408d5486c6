/**
 * KVM memslot costs (call-paths.md section 5.3): creating a slot allocates zeroed rmap
 * and gfn_track arrays; before 5.8 with PML, KVM then walks every rmap head; a slot with
 * dirty logging gets a dirty bitmap that QEMU sets up and syncs.
 */
import type { HostParams } from '../scenario/host-profiles.ts';
import type { Optimizations } from '../scenario/resolve.ts';
import { zeroNsForBytes } from './zeroing.ts';

/**
 * Metadata per 4 KiB of slot: 8-byte rmap head + 2-byte gfn_track entry
 * (arch/x86/kvm/x86.c kvm_arch_create_memslot, page_track.c), ignoring the small
 * higher-level rmaps and lpage_info.
 */
export const MEMSLOT_METADATA_BYTES_PER_4K = 10;

export interface MemslotCostNs {
  readonly metadataZeroNs: number;
  readonly rmapWalkNs: number;
  readonly dirtyLogNs: number;
}

export function memslotCreateNs(host: HostParams, opts: Optimizations, pages4K: number, isMmio: boolean): MemslotCostNs {
  const metadataZeroNs = zeroNsForBytes(host, pages4K * MEMSLOT_METADATA_BYTES_PER_4K);
  // The talk's fix counts effective rmap entries; a new slot has none, so the walk is skipped.
  const walks = host.kernel.rmapWalkOnMemslotCreate && !opts.countEffectiveRmap;
  const rmapWalkNs = walks ? pages4K * host.rmapWalkNsPer4K : 0;
  // QEMU logs dirty pages of BAR (ram_device) regions too; the talk skips it for MMIO.
  const dirtyLogNs = isMmio && !opts.skipMmioDirtyLog ? pages4K * host.dirtyLogNsPer4K : 0;
  return { metadataZeroNs, rmapWalkNs, dirtyLogNs };
}

/** Deleting a slot: freeing metadata and zapping; (assumption) a fixed 50 us per slot. */
export const MEMSLOT_DELETE_NS = 50_000;
