/** The browser store around the pure progress rules: backups before overwriting, notices, failures. */
import { describe, expect, it } from 'vitest';
import { ProgressStore, type ProgressStorage } from '../../src/app/state/progress.svelte.ts';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY } from '../../src/lessons/progress.ts';

function memoryStorage(initial: Record<string, string> = {}, failWrites = false): ProgressStorage & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (failWrites) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
  };
}

describe('progress store', () => {
  it('starts quietly when nothing is stored, and saves every change', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    expect(store.notice).toBeUndefined();
    store.visit('03-zeroing', 1);
    store.guess('03-zeroing', 1, 30);
    store.stepText('03-zeroing', 3, 'mine');
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? '')).toMatchObject({ v: 1, lessons: { '03-zeroing': { visited: [1], guesses: { 1: 30 }, texts: { 3: 'mine' } } } });
    expect(new ProgressStore(storage).lesson('03-zeroing').texts).toEqual({ 3: 'mine' });
  });

  it('copies a damaged store to the backup key before starting afresh, and says so', () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: '{"v":1,"lessons":{' });
    const store = new ProgressStore(storage);
    expect(store.notice).toMatch(/could not be read.*bootline\.progress\.backup/);
    expect(storage.map.get(PROGRESS_BACKUP_KEY)).toBe('{"v":1,"lessons":{');
    expect(JSON.parse(storage.map.get(PROGRESS_KEY) ?? '')).toEqual({ v: 1, lessons: {} });
  });

  it('keeps what it can of a partly damaged store', () => {
    const raw = JSON.stringify({ v: 1, lessons: { '03-zeroing': { visited: [0], lastStep: 0, goalsMet: [], completed: true, usedSolution: false, guesses: {}, texts: {} }, '04-prezero': 7 } });
    const store = new ProgressStore(memoryStorage({ [PROGRESS_KEY]: raw }));
    expect(store.notice).toMatch(/damaged.*04-prezero/);
    expect(store.status('03-zeroing')).toBe('done');
  });

  it('never overwrites the only copy when the backup cannot be written', () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: 'garbage' }, true);
    const store = new ProgressStore(storage);
    expect(store.notice).toMatch(/left untouched/);
    store.visit('03-zeroing', 0);
    expect(storage.map.get(PROGRESS_KEY)).toBe('garbage');
    expect(store.lesson('03-zeroing').visited).toEqual([0]);
  });

  it('says once when storage is full, and keeps progress for the visit', () => {
    const store = new ProgressStore(memoryStorage({}, true));
    store.visit('03-zeroing', 0);
    expect(store.notice).toMatch(/could not be saved/);
    expect(store.lesson('03-zeroing').visited).toEqual([0]);
  });

  it('imports a file after backing up the progress it replaces, and refuses unreadable files', () => {
    const storage = memoryStorage();
    const store = new ProgressStore(storage);
    store.visit('03-zeroing', 2);
    const other = new ProgressStore(memoryStorage());
    other.visit('05-bulk-pinning', 1);
    const r = store.importText(other.exportText());
    expect(r).toMatchObject({ ok: true, message: expect.stringMatching(/Imported progress for 1 lesson\./) });
    expect(store.status('05-bulk-pinning')).toBe('started');
    expect(store.status('03-zeroing')).toBe('new');
    expect(storage.map.get(PROGRESS_BACKUP_KEY)).toMatch(/03-zeroing/);
    expect(store.importText('nope')).toMatchObject({ ok: false });
    expect(store.status('05-bulk-pinning')).toBe('started');
  });
});
