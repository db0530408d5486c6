/**
 * `npm run lessons:check` on deliberately broken lessons: it fails, and each message names the
 * file, the line and the field an author has to fix.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runLessonsCheck } from '../../src/cli/lessons-check.ts';
import { readLessonFiles } from '../../src/cli/lessons-fs.ts';
import { buildLessons } from '../../src/lessons/collection.ts';
import { formatLessonProblem } from '../../src/lessons/problems.ts';
import { verifyLesson } from '../../src/lessons/verify.ts';

const FIXTURES = 'test/lessons/fixtures/broken';

/** The check in-process, as the command runs it. */
function check(args: string[]) {
  let out = '';
  let err = '';
  const code = runLessonsCheck(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('lessons:check', () => {
  it('exits 2 and names file, line and field for each broken lesson', () => {
    const r = check([FIXTURES]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${FIXTURES}/01-bad-goal/lesson.md:14:5: goals[1].max must be a number, not the text "fast"`);
    expect(r.err).toContain(`${FIXTURES}/02-bad-params/params.jsonc:2:24: guest.ramGiB must be at least`);
    expect(r.err).toContain(`${FIXTURES}/03-unsolved/solution.jsonc: goals[0] does not meet goal "one-each": 2 resets, needs at most 1 reset (1 per devices.count) (1 reset too many)`);
    expect(r.err).toContain(`${FIXTURES}/03-unsolved/solution.jsonc: devices.count is locked in this lesson, but the solution changes it`);
    expect(r.err).toContain(`${FIXTURES}/04-bad-step/lesson.md:11:1: steps[0].view must be one of memory, iova`);
    expect(r.err).toContain(`${FIXTURES}/04-bad-step/lesson.md:13:3: steps[0].set["guest.ramGB"] is not a scenario key: "ramGB" is not allowed in guest; did you mean "guest.ramGiB"?`);
    expect(r.err).toContain(`${FIXTURES}/05-bad-link/lesson.md:8: steps[0] links to lesson:99-nowhere, which does not exist`);
    expect(r.out).toMatch(/5 lessons checked \(4 not loaded\): 7 errors/);
  });

  it('exits 0 on the shipped lessons', () => {
    const r = check([]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/12 lessons checked: 0 errors, 0 warnings/);
  });

  it('refuses unknown options and missing folders', () => {
    expect(check(['--nope']).code).toBe(2);
    expect(check(['no/such/folder']).err).toBe('no/such/folder: no such folder of lessons\n');
  });

  it('runs as `npm run lessons:check`: problems on stderr, exit code 2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/lessons-main.ts', FIXTURES], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${FIXTURES}/01-bad-goal/lesson.md:14:5: goals[1].max must be a number, not the text "fast"`);
    expect(r.stdout).toMatch(/5 lessons checked/);
  }, 20_000);
});

describe('problems in lesson files', () => {
  const files = readLessonFiles('lessons');
  const edit = (path: string, from: string | RegExp, to: string) => {
    const text = files[path];
    if (text === undefined) throw new Error(`no ${path}`);
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit did not apply to ${path}`);
    return { ...files, [path]: next };
  };
  const messages = (f: Record<string, string>) => buildLessons(f).problems.map(formatLessonProblem);

  it('name an unknown frontmatter key, with a suggestion', () => {
    expect(messages(edit('lessons/03-zeroing/lesson.md', 'minutes: 7', 'minuts: 7'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^lessons\/03-zeroing\/lesson\.md:6:1: minuts is not a known key; did you mean "minutes"\?/),
        expect.stringMatching(/^lessons\/03-zeroing\/lesson\.md:1: minutes is missing$/),
      ]),
    );
  });

  it('name the field where the frontmatter stops being YAML the lessons can read', () => {
    expect(messages(edit('lessons/08-pci-resets/lesson.md', 'max: 5000', 'max: 0x1388'))).toContainEqual(
      expect.stringMatching(/^lessons\/08-pci-resets\/lesson\.md:\d+:\d+: goals\[2\]\.max: .*decimal/),
    );
  });

  it('name a goal with two targets, and one with two quantities', () => {
    const twoTargets = edit('lessons/08-pci-resets/lesson.md', '    max: 5000\n', '    max: 5000\n    min: 1\n');
    expect(messages(twoTargets)).toContainEqual(expect.stringMatching(/08-pci-resets\/lesson\.md:21:3: goals\[2\] has max and min; give exactly one of max, min, reduceBy, reduceByPercent/));
    const twoQuantities = edit('lessons/09-kvm-metadata/lesson.md', '    phase: kvm-memslots\n', '    phase: kvm-memslots\n    counter: memslotsCreated\n');
    expect(messages(twoQuantities)).toContainEqual(expect.stringMatching(/goals\[0\] has phase and counter; give exactly one of measure/));
  });

  it('name a misspelled counter and a field that is not a number', () => {
    expect(messages(edit('lessons/08-pci-resets/lesson.md', 'counter: pciResets', 'counter: pciReset'))).toContainEqual(
      expect.stringMatching(/goals\[0\]\.counter must be one of .* not the text "pciReset" \(did you mean "pciResets"\?\)/),
    );
    expect(messages(edit('lessons/08-pci-resets/lesson.md', 'per: devices.count', 'per: devices.gpu'))).toContainEqual(
      expect.stringMatching(/goals\[0\]\.per must name a number field; "devices.gpu" holds a choice of names/),
    );
  });

  it('name a step whose set makes an invalid scenario', () => {
    expect(messages(edit('lessons/01-why-minutes/lesson.md', 'devices.count: 0', 'devices.count: -3'))).toContainEqual(
      expect.stringMatching(/01-why-minutes\/lesson\.md:\d+: steps\[1\]\.set makes an invalid scenario: devices\.count must be at least 0/),
    );
  });

  it('name a missing solution and a solution for a lesson without goals', () => {
    const { ['lessons/06-huge-pages/solution.jsonc']: _gone, ...without } = files;
    expect(messages(without)).toContain('lessons/06-huge-pages/solution.jsonc: is missing: a lesson with goals ships the scenario that meets them');
    const noGoals = {
      'x/01-a/lesson.md': '---\ntitle: A\nsummary: B\nminutes: 1\nviews: [phases]\n---\n## Step\nText.\n',
      'x/01-a/params.jsonc': '{}',
      'x/01-a/solution.jsonc': '{}',
    };
    expect(messages(noGoals)).toEqual(['x/01-a/solution.jsonc: solves nothing: the lesson has no goals (add goals, or remove the file)']);
    expect(messages({ ...noGoals, 'x/01-a/notes.txt': '' })).toContain('x/01-a/notes.txt: is not a lesson file; a lesson folder holds only lesson.md, params.jsonc, solution.jsonc');
  });

  it('catch an exercise whose start already meets every goal', () => {
    const lax = edit('lessons/10-configuration/lesson.md', 'max: 2500', 'max: 25000');
    const text = (lax['lessons/10-configuration/lesson.md'] ?? '').replace('reduceBy: 40000', 'max: 1000000');
    const lesson = buildLessons({ ...lax, 'lessons/10-configuration/lesson.md': text }).lessons.find((l) => l.id === '10-configuration');
    if (!lesson) throw new Error('lesson 10 did not load');
    expect(verifyLesson(lesson).problems.map(formatLessonProblem)).toEqual([
      'lessons/10-configuration/params.jsonc: already meets every goal: the exercise has nothing left to do',
    ]);
  });
});
