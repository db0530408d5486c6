/** Ports that record calls and return fixed durations, to test the machines' order alone. */
import type { Ports } from '../../../src/sim/machines/ports.ts';

export function fakePorts(durations: Partial<Record<keyof Ports, number>> = {}, now: () => number = () => 0) {
  const log: string[] = [];
  /** Simulated time of each call, by call text (first occurrence). */
  const at = new Map<string, number>();
  const calls = {
    push(c: string) {
      if (!at.has(c)) at.set(c, now());
      return log.push(c);
    },
  };
  const d = (k: keyof Ports) => durations[k] ?? 10;
  const ports: Ports = {
    qemuStart: () => (calls.push('qemuStart'), d('qemuStart')),
    prealloc: () => (calls.push('prealloc'), d('prealloc')),
    ramMemslots: () => (calls.push('ramMemslots'), d('ramMemslots')),
    containerMap: (gpu) => (calls.push(`containerMap ${gpu}`), d('containerMap')),
    barMmap: (gpu) => (calls.push(`barMmap ${gpu}`), d('barMmap')),
    systemResetBegin: () => (calls.push('systemResetBegin'), d('systemResetBegin')),
    beginWait: (phase) => void calls.push(`beginWait ${phase}`),
    endWait: () => void calls.push('endWait'),
    libvirtCont: () => (calls.push('libvirtCont'), d('libvirtCont')),
    vcpuStart: () => void calls.push('vcpuStart'),
    firstKernelLog: () => void calls.push('firstKernelLog'),
    reset: (gpu, reason, onThread) => (calls.push(`reset ${gpu} ${reason}${onThread ? ' thread' : ''}`), d('reset')),
    resetQueueWait: (gpu) => (calls.push(`queue ${gpu}`), 0),
    skipReset: (gpu, reason) => void calls.push(`skip ${gpu} ${reason}`),
    post: (segment) => (calls.push(`post ${segment}`), d('post')),
    pamWrite: (i) => (calls.push(`pam ${i}`), d('pamWrite')),
    enableBars: (gpu) => (calls.push(`bars ${gpu}`), d('enableBars')),
    bootMenu: () => (calls.push('bootMenu'), d('bootMenu')),
    grub: () => (calls.push('grub'), d('grub')),
    kernelLoad: () => (calls.push('kernelLoad'), d('kernelLoad')),
    workerStart: () => void calls.push('workerStart'),
  };
  return { ports, calls: log, at };
}
