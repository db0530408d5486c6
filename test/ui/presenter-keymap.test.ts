/** The presenter's key map: what each key does, "digits then Enter", and keys left to the browser. */
import { describe, expect, it } from 'vitest';
import { BINDINGS, isTypingTarget, readKey } from '../../src/ui/present/keymap.ts';

const press = (keys: readonly string[]) => {
  let digits = '';
  const actions: unknown[] = [];
  for (const key of keys) {
    const r = readKey(digits, { key });
    digits = r.digits;
    if (r.action) actions.push(r.action);
  }
  return { digits, actions };
};

describe('presenter keys', () => {
  it('moves on with a clicker\'s keys and the arrows, and back with their opposites', () => {
    for (const key of ['ArrowRight', 'PageDown', ' ', 'n']) expect(readKey('', { key }).action).toEqual({ type: 'next' });
    for (const key of ['ArrowLeft', 'PageUp', 'p']) expect(readKey('', { key }).action).toEqual({ type: 'previous' });
  });

  it('maps play, speed, full screen, blank, help and leave to their own keys', () => {
    expect(readKey('', { key: 'k' }).action).toEqual({ type: 'play' });
    expect(readKey('', { key: '+' }).action).toEqual({ type: 'faster' });
    expect(readKey('', { key: '-' }).action).toEqual({ type: 'slower' });
    expect(readKey('', { key: 'f' }).action).toEqual({ type: 'fullscreen' });
    expect(readKey('', { key: 'b' }).action).toEqual({ type: 'blank' });
    expect(readKey('', { key: '.' }).action).toEqual({ type: 'blank' });
    expect(readKey('', { key: '?' }).action).toEqual({ type: 'help' });
    expect(readKey('', { key: 'Escape' }).action).toEqual({ type: 'leave' });
    expect(readKey('', { key: 's' }).action).toEqual({ type: 'speaker' });
    expect(readKey('', { key: 't' }).action).toEqual({ type: 'theme' });
    expect(readKey('', { key: 'i' }).action).toEqual({ type: 'instant' });
    expect(readKey('', { key: 'e' }).action).toEqual({ type: 'edit' });
    expect(readKey('', { key: 'x' })).toEqual({ digits: '' });
  });

  it('jumps to a typed step number on Enter, keeping at most two digits', () => {
    expect(press(['3', 'Enter'])).toEqual({ digits: '', actions: [{ type: 'go', step: 3 }] });
    expect(press(['1', '2', 'Enter']).actions).toEqual([{ type: 'go', step: 12 }]);
    expect(press(['1', '2', '4', 'Enter']).actions).toEqual([{ type: 'go', step: 24 }]);
    expect(press(['4']).digits).toBe('4');
  });

  it('does nothing for Enter without digits or with step 0', () => {
    expect(press(['Enter']).actions).toEqual([]);
    expect(press(['0', 'Enter']).actions).toEqual([]);
  });

  it('drops typed digits on Escape before Escape means leave', () => {
    expect(press(['2', 'Escape'])).toEqual({ digits: '', actions: [] });
    expect(press(['2', 'Escape', 'Escape']).actions).toEqual([{ type: 'leave' }]);
  });

  it('drops typed digits when another action runs, so a stale number never jumps later', () => {
    expect(press(['2', 'ArrowRight', 'Enter']).actions).toEqual([{ type: 'next' }]);
  });

  it('leaves keys with Ctrl, Cmd or Alt to the browser', () => {
    expect(readKey('', { key: 'f', ctrlKey: true }).action).toBeUndefined();
    expect(readKey('', { key: 'ArrowRight', altKey: true }).action).toBeUndefined();
    expect(readKey('', { key: 'r', metaKey: true }).action).toBeUndefined();
    expect(readKey('3', { key: '4', ctrlKey: true }).digits).toBe('3');
  });

  it('binds every key once, so the "?" sheet shows exactly what the keys do', () => {
    const keys = BINDINGS.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(BINDINGS.map((b) => b.action)).size).toBe(BINDINGS.length);
    for (const b of BINDINGS) expect(b.caps.length, b.action).toBeGreaterThan(0);
    // Digits and Enter belong to "go to step N".
    expect(keys.filter((k) => /^[0-9]$/.test(k) || k === 'Enter')).toEqual([]);
  });

  it('treats nothing as a text field where there is no DOM', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
