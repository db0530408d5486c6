/**
 * A Trace as plain text lines, for snapshot tests and for reading a run in a diff:
 * deterministic by construction (integer microseconds, stable order).
 */
import type { Trace } from './types.ts';
import { COUNTER_NAMES } from './types.ts';

const sec = (us: number) => (us / 1e6).toFixed(6);

export function dumpTrace(trace: Trace): string {
  const lines: string[] = [];
  const s = trace.scenario;
  lines.push(`model ${trace.modelVersion} seed ${trace.seed}`);
  lines.push(
    `scenario ${s.host.profile} ram=${s.guest.ramGiB}GiB backing=${s.guest.memoryBacking} gpus=${s.devices.count}x${s.devices.gpu} ` +
      `firmware=${s.firmware.kind} bootMenu=${s.firmware.bootMenu} grub=${s.firmware.grubTimeoutS}s`,
  );
  const on = Object.entries(s.optimizations).filter(([, v]) => v !== false && v !== 1).map(([k, v]) => (v === true ? k : `${k}=${v}`));
  lines.push(`optimizations ${on.length ? on.join(' ') : 'none'}`);
  const m = trace.markers;
  lines.push(`markers qemuStart=${sec(m.qemuStartUs)} vcpuStart=${sec(m.vcpuStartUs)} firstKernelLog=${sec(m.firstKernelLogUs)}`);
  lines.push(`lanes ${trace.lanes.map((l) => l.id).join(' ')}`);
  for (const span of trace.spans) {
    const repeat = span.repeat !== undefined ? ` x${span.repeat}` : '';
    lines.push(`span ${span.lane} ${span.kind} ${span.phase ?? '-'} ${sec(span.startUs)} +${sec(span.endUs - span.startUs)} ${span.name}${repeat}`);
  }
  for (const name of COUNTER_NAMES) lines.push(`counter ${name} ${trace.counters[name]}`);
  const ev = new Map<string, number>();
  for (const e of trace.events) ev.set(e.type, (ev.get(e.type) ?? 0) + 1);
  lines.push(`events ${[...ev.entries()].map(([k, v]) => `${k}=${v}`).join(' ')}`);
  lines.push(`iova regions ${trace.iova.regions.length} final ${trace.iova.regions.map((r) => r.states[r.states.length - 1]?.state ?? '?').join(',')}`);
  return `${lines.join('\n')}\n`;
}
