/**
 * Example scenarios B can be loaded with from the compare page: the repository's own
 * examples/ files, the same ones the command line's documentation runs.
 */
import allOptimizations from '../../../examples/all-optimizations.jsonc?raw';
import talkBaseline from '../../../examples/talk-baseline.jsonc?raw';
import cpuVm from '../../../examples/cpu-vm.jsonc?raw';

export interface Example {
  readonly id: string;
  readonly label: string;
  readonly text: string;
}

export const EXAMPLES: readonly Example[] = [
  { id: 'all-optimizations', label: 'All optimizations + THP', text: allOptimizations },
  { id: 'talk-baseline', label: 'Baseline (talk)', text: talkBaseline },
  { id: 'cpu-vm', label: 'CPU VM', text: cpuVm },
];
