/** Work priced in nanoseconds against a call stack; the recorder turns it into microseconds. */
import type { Stack } from './stacks.ts';

export interface WorkNs {
  readonly stack: Stack;
  readonly ns: number;
  readonly cpu: boolean;
}

export function cpuWork(stack: Stack, ns: number): WorkNs {
  return { stack, ns, cpu: true };
}

export function sleepWork(stack: Stack, ns: number): WorkNs {
  return { stack, ns, cpu: false };
}

export function totalNs(work: readonly WorkNs[]): number {
  let sum = 0;
  for (const w of work) sum += w.ns;
  return sum;
}
