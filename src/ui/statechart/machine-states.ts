/** The states each machine defines, in document order, as the dotted names the Trace uses. */
import type { AnyStateMachine, StateNode } from 'xstate';
import { pipelineMachine } from '../../sim/machines/pipeline.machine.ts';
import { firmwareMachine } from '../../sim/machines/firmware.machine.ts';
import { pciDeviceMachine } from '../../sim/machines/pci-device.machine.ts';
import { zeroWorkerMachine } from '../../sim/machines/zero-worker.machine.ts';
import { iovaRegionMachine } from '../../sim/machines/iova-region.machine.ts';
import { pageMachine } from '../../sim/machines/page.machine.ts';

const MACHINES: Record<string, AnyStateMachine> = {
  pipeline: pipelineMachine,
  firmware: firmwareMachine,
  'pci-device': pciDeviceMachine,
  'zero-worker': zeroWorkerMachine,
  'iova-region': iovaRegionMachine,
  page: pageMachine,
};

/** Leaf states; transient "next" routing states are left out. */
function leaves(node: StateNode, prefix: string): string[] {
  const children = Object.entries(node.states);
  if (children.length === 0) return prefix ? [prefix] : [];
  return children.flatMap(([key, child]) => (key === 'next' ? [] : leaves(child, prefix ? `${prefix}.${key}` : key)));
}

export function machineStates(machine: string): string[] {
  const m = MACHINES[machine];
  return m ? leaves(m.root, '') : [];
}
