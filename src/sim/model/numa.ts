/** NUMA placement of guest memory: remote allocations cost more (the talk: "be careful"). */
import type { HostParams } from '../scenario/host-profiles.ts';
import type { NumaPolicy } from '../scenario/schema.ts';

/** Multiplier on fault and zeroing cost for the guest's memory policy. */
export function numaCostFactor(host: HostParams, policy: NumaPolicy): number {
  if (host.numaNodes <= 1) return 1;
  switch (policy) {
    case 'local':
      return 1;
    case 'remote':
      return host.numaRemoteFactor;
    case 'interleave': {
      // Pages spread evenly over the nodes: 1 in numaNodes is local.
      const localShare = 1 / host.numaNodes;
      return localShare + (1 - localShare) * host.numaRemoteFactor;
    }
  }
}
