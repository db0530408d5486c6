import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src/sim/scenario/json-schema.ts';

type Node = { properties?: Record<string, Node>; description?: string; additionalProperties?: unknown; 'x-unit'?: string; enum?: unknown[] };

function leaves(node: Node, path: string[] = []): { path: string; node: Node }[] {
  if (!node.properties) return [{ path: path.join('.'), node }];
  return Object.entries(node.properties).flatMap(([k, v]) => leaves(v, [...path, k]));
}

describe('the scenario JSON Schema', () => {
  const schema = scenarioJsonSchema() as Node;

  it('has every key of the public scenario interface', () => {
    const paths = leaves(schema).map((l) => l.path);
    for (const key of [
      'host.profile', 'host.zeroingGBps', 'host.memoryBandwidthGBps', 'host.faultNsPer4K', 'host.pinNsPer4K', 'host.pageTableReadNs',
      'host.numaNodes', 'host.freePool.prezeroedShare', 'host.freePool.fragmentation', 'host.kernel.batchPinning',
      'host.kernel.rawPfnBarMapping', 'host.kernel.fastPciResetDelay', 'host.kernel.rmapWalkOnMemslotCreate',
      'guest.ramGiB', 'guest.vcpus', 'guest.memoryBacking', 'guest.prealloc.enabled', 'guest.prealloc.threads', 'guest.numaPolicy',
      'devices.gpu', 'devices.count', 'devices.sharedContainer',
      'firmware.kind', 'firmware.bootMenu', 'firmware.bootMenuWaitMs', 'firmware.grubTimeoutS', 'firmware.pamWrites', 'firmware.barDecodeToggles',
      'optimizations.prezeroFreePages', 'optimizations.bulkPinning', 'optimizations.pinThreads', 'optimizations.userspaceDmaMapTracking',
      'optimizations.splitIovaAt1MiB', 'optimizations.skipRedundantReset', 'optimizations.parallelResets',
      'optimizations.overlapResetWithDmaMap', 'optimizations.skipMmioDirtyLog', 'optimizations.countEffectiveRmap', 'seed',
    ]) {
      expect(paths).toContain(key);
    }
  });

  it('describes every field, and every numeric field with a unit or as a plain count', () => {
    for (const { path, node } of leaves(schema)) {
      expect(node.description, path).toBeTruthy();
    }
    const units = Object.fromEntries(leaves(schema).map((l) => [l.path, l.node['x-unit']]));
    expect(units['guest.ramGiB']).toBe('GiB');
    expect(units['host.zeroingGBps']).toBe('GB/s');
    expect(units['firmware.grubTimeoutS']).toBe('s');
    expect(units['host.pageTableReadNs']).toBe('ns');
  });

  it('joins the field texts to the schema: meaning, unit, default, the talk and the source in one hover', () => {
    type Doc = Node & { markdownDescription?: string; 'x-talk'?: string; 'x-source'?: string };
    const ram = schema.properties?.guest?.properties?.ramGiB as Doc;
    expect(ram.markdownDescription).toBe(
      'Guest RAM. Pinning touches every page, so creation time grows with it.\n\n**Unit:** GiB\n\n**Default:** 256\n\n'
        + '**In the talk:** RAM size is the first factor of GPU VM creation time.',
    );
    expect(ram.description).toBe('Guest RAM. Pinning touches every page, so creation time grows with it. Unit: GiB. Default: 256.');
    const zeroing = schema.properties?.host?.properties?.zeroingGBps as Doc;
    expect(zeroing['x-source']).toBe('derived from the PG_zero RFC table (didi-2020: 4.9)');
    expect(zeroing.description).toMatch(/Unit: GB\/s\. Default: from host\.profile\./);
    expect((schema.properties?.optimizations?.properties?.bulkPinning as Doc)['x-talk']).toBe('Pin memory in bulk.');
    expect((schema as Doc & { title?: string }).title).toBe('Bootline scenario');
  });

  it('rejects unknown keys so the editor marks typos', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.guest?.additionalProperties).toBe(false);
  });

  it('lists enum values for completion', () => {
    expect(schema.properties?.guest?.properties?.memoryBacking?.enum).toEqual(['anonymous-4k', 'thp', 'hugetlb-2m', 'hugetlb-1g']);
  });
});
