/** Typing a step's edit: frames one keystroke apart that end exactly on the step's scenario. */
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lessons/load-vite.ts';
import { scenarioTextAtStep } from '../../src/lessons/step-scenario.ts';
import { changedRange, editFrames, typingFrames, withLeadIn } from '../../src/ui/present/typing-schedule.ts';

const { lessons } = loadLessons();

describe('typing a scripted edit', () => {
  it('deletes the old value from its end, then types the new one in order', () => {
    const frames = editFrames('{ "ramGiB": 256 }', '{ "ramGiB": 512 }');
    expect(frames.map((f) => f.text)).toEqual([
      '{ "ramGiB": 25 }',
      '{ "ramGiB": 2 }',
      '{ "ramGiB":  }',
      '{ "ramGiB": 5 }',
      '{ "ramGiB": 51 }',
      '{ "ramGiB": 512 }',
    ]);
    expect(frames.map((f) => f.caret)).toEqual([14, 13, 12, 13, 14, 15]);
    expect(frames.every((f) => f.start === 12)).toBe(true);
  });

  it('types a line break and its indent as one keystroke, as an editor would', () => {
    const frames = editFrames('{\n}', '{\n    "a": 1\n}');
    expect(frames[0]?.text).toBe('{\n    }');
    expect(editFrames('{ "a": 1 }', '{ "a": 1,\n  "b": 2 }')[1]?.text).toBe('{ "a": 1,\n   }');
    expect(frames.at(-1)?.text).toBe('{\n    "a": 1\n}');
  });

  it('retypes a whole word or number, never part of one', () => {
    const frames = editFrames('{ "on": false }', '{ "on": true }');
    expect(frames.at(0)?.text).toBe('{ "on": fals }');
    expect(frames.at(4)?.text).toBe('{ "on":  }');
    expect(frames.at(-1)?.text).toBe('{ "on": true }');
    expect(changedRange('{ "on": false }', '{ "on": true }')).toEqual({ start: 8, end: 12 });
    expect(editFrames('{ "n": 256 }', '{ "n": 216 }').map((f) => f.text).slice(0, 3)).toEqual(['{ "n": 25 }', '{ "n": 2 }', '{ "n":  }']);
  });

  it('has no frames when nothing changes', () => {
    expect(editFrames('{}', '{}')).toEqual([]);
    expect(typingFrames('{ "a": 1 }', [])).toEqual([]);
  });

  it('ends every shipped step with sets on exactly the text the lesson page shows for it', () => {
    let checked = 0;
    for (const lesson of lessons) {
      lesson.steps.forEach((step, k) => {
        if (step.script.set.length === 0) return;
        const from = step.script.reset ? lesson.params.text : scenarioTextAtStep(lesson.params.text, lesson.steps, k - 1);
        const frames = typingFrames(from, step.script.set);
        const target = scenarioTextAtStep(lesson.params.text, lesson.steps, k);
        expect(frames.at(-1)?.text, `${lesson.id} step ${k + 1}`).toBe(target);
        // One keystroke at a time: each frame adds or removes a character, or a break with its indent.
        let prev = from;
        for (const f of frames) {
          const d = Math.abs(f.text.length - prev.length);
          expect(d === 1 || /^\n? +$/.test(f.text.slice(f.caret - d, f.caret)), `${lesson.id} step ${k + 1}`).toBe(true);
          prev = f.text;
        }
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('gives the same frames every time', () => {
    const lesson = lessons.find((l) => l.id === '03-zeroing');
    const step = lesson?.steps[2];
    expect(step?.script.set.length).toBeGreaterThan(0);
    if (!lesson || !step) return;
    const from = scenarioTextAtStep(lesson.params.text, lesson.steps, 1);
    expect(typingFrames(from, step.script.set)).toEqual(typingFrames(from, step.script.set));
  });

  it('waits a few frames with the caret where typing will start', () => {
    const from = '{ "ramGiB": 256 }';
    const frames = withLeadIn(from, editFrames(from, '{ "ramGiB": 512 }'), 3);
    expect(frames.slice(0, 3)).toEqual(Array(3).fill({ text: from, caret: 15, start: 12 }));
    expect(frames[3]?.text).toBe('{ "ramGiB": 25 }');
    const added = '{ "a": 1 }';
    expect(withLeadIn(added, editFrames(added, '{ "a": 1, "b": 2 }'), 1)[0]).toEqual({ text: added, caret: 8, start: 8 });
    expect(withLeadIn(from, [], 3)).toEqual([]);
  });

  it('marks what a finished edit changed', () => {
    expect(changedRange('{ "a": 256 }', '{ "a": 512 }')).toEqual({ start: 7, end: 10 });
    expect(changedRange('{ "a": 1 }', '{ "a": 1 }')).toBeUndefined();
    expect(changedRange('{ "a": 12 }', '{ "a": 1 }')).toEqual({ start: 7, end: 8 });
    expect(changedRange('{ "a": 1, "b": 2 }', '{ "a": 1 }')).toBeUndefined();
  });
});
