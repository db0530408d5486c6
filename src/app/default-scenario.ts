/** What a newcomer sees first: the talk's baseline, written out so every knob is in view. */
export const DEFAULT_SCENARIO_TEXT = `// The talk's baseline: 256 GiB, four Tesla P40, 4 KiB pages, no fixes.
// Turn on the fixes below one by one and watch the timeline.
{
  "host": {
    "profile": "didi-2020",
    "freePool": { "fragmentation": 0.3 }
  },
  "guest": {
    "ramGiB": 256,
    "memoryBacking": "anonymous-4k"
  },
  "devices": {
    "gpu": "tesla-p40",
    "count": 4
  },
  "firmware": {
    "kind": "seabios",
    "bootMenu": true,
    "grubTimeoutS": 5,
    "pamWrites": 13
  },
  "optimizations": {
    "prezeroFreePages": false,
    "bulkPinning": false,
    "userspaceDmaMapTracking": false,
    "splitIovaAt1MiB": false,
    "skipRedundantReset": false,
    "parallelResets": false,
    "overlapResetWithDmaMap": false,
    "skipMmioDirtyLog": false,
    "countEffectiveRmap": false
  },
  "seed": 1
}
`;
