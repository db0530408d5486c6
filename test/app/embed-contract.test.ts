import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptHostMessage,
  CONTRACT_VERSION,
  parseOrigin,
  readEmbedMessage,
  readHostMessage,
  readyMessage,
  resizeMessage,
  stateMessage,
  type Peer,
} from '../../src/app/embed/contract.ts';

const HOST = 'https://docs.example.com';
const parentWindow = { name: 'the host window' };
const peer: Peer = { origin: HOST, window: parentWindow };
const fromHost = (data: unknown) => ({ origin: HOST, source: parentWindow, data });

describe('embed contract: host messages', () => {
  it('takes the four host messages of version 1', () => {
    expect(readHostMessage({ type: 'bootline:hello', version: 1 })).toEqual({ type: 'bootline:hello', version: 1 });
    expect(readHostMessage({ type: 'bootline:play', version: 1 })).toEqual({ type: 'bootline:play', version: 1 });
    expect(readHostMessage({ type: 'bootline:pause', version: 1 })).toEqual({ type: 'bootline:pause', version: 1 });
    for (const theme of ['light', 'dark', 'auto'] as const) {
      expect(readHostMessage({ type: 'bootline:theme', version: 1, theme })).toEqual({ type: 'bootline:theme', version: 1, theme });
    }
  });

  it('refuses wrong shapes: no version, another version, unknown type or theme, not an object', () => {
    const bad: unknown[] = [
      { type: 'bootline:theme', theme: 'dark' },
      { type: 'bootline:theme', version: 2, theme: 'dark' },
      { type: 'bootline:theme', version: '1', theme: 'dark' },
      { type: 'bootline:theme', version: 1, theme: 'purple' },
      { type: 'bootline:theme', version: 1 },
      { type: 'bootline:reload', version: 1 },
      { type: 'hello', version: 1 },
      'bootline:hello',
      ['bootline:hello', 1],
      null,
      undefined,
      42,
    ];
    for (const data of bad) expect(readHostMessage(data)).toBeUndefined();
  });

  it('keeps only the fields it knows (extra keys are dropped, not passed on)', () => {
    expect(readHostMessage({ type: 'bootline:play', version: 1, evil: '<script>' })).toEqual({ type: 'bootline:play', version: 1 });
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (data) => {
      const m = readHostMessage(data);
      expect(m === undefined || m.type.startsWith('bootline:')).toBe(true);
    }));
  });
});

describe('embed contract: the origin rule', () => {
  const theme = { type: 'bootline:theme', version: 1, theme: 'dark' };

  it('accepts a valid message from the parent window at the given origin', () => {
    expect(acceptHostMessage(fromHost(theme), peer)).toEqual(theme);
  });

  it('ignores another origin, even with the right window and shape', () => {
    expect(acceptHostMessage({ origin: 'https://evil.example', source: parentWindow, data: theme }, peer)).toBeUndefined();
    expect(acceptHostMessage({ origin: 'http://docs.example.com', source: parentWindow, data: theme }, peer)).toBeUndefined();
    expect(acceptHostMessage({ origin: 'https://docs.example.com:8443', source: parentWindow, data: theme }, peer)).toBeUndefined();
    expect(acceptHostMessage({ origin: 'null', source: parentWindow, data: theme }, peer)).toBeUndefined();
  });

  it('ignores another window at the right origin (a second frame of the host site)', () => {
    expect(acceptHostMessage({ origin: HOST, source: { name: 'another frame' }, data: theme }, peer)).toBeUndefined();
    expect(acceptHostMessage({ origin: HOST, source: null, data: theme }, peer)).toBeUndefined();
  });

  it('ignores a bad shape from the right window and origin', () => {
    expect(acceptHostMessage(fromHost({ ...theme, theme: 'purple' }), peer)).toBeUndefined();
  });

  it('takes nothing at all without a parent origin', () => {
    expect(acceptHostMessage(fromHost(theme), undefined)).toBeUndefined();
  });
});

describe('embed contract: embed messages', () => {
  it('round-trips what the embed sends', () => {
    const measures = { vmCreationMs: 112_610, vmInitializationMs: 103_000, biosExecutionMs: 9_610 };
    for (const m of [readyMessage('a', 812), resizeMessage('gvp-1-x', 1340), stateMessage('b', measures, true)]) {
      expect(readEmbedMessage(m)).toEqual(m);
      expect(m.version).toBe(CONTRACT_VERSION);
    }
  });

  it('refuses heights that are not a layout, and ids that are not plain', () => {
    for (const height of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e9, '800']) {
      expect(readEmbedMessage({ type: 'bootline:resize', version: 1, id: 'a', height })).toBeUndefined();
    }
    for (const id of ['', 'a b', '<x>', 'x'.repeat(65), 7]) {
      expect(readEmbedMessage({ type: 'bootline:resize', version: 1, id, height: 10 })).toBeUndefined();
    }
  });

  it('sends only the three measures in a state message', () => {
    const m = stateMessage('a', { vmCreationMs: 1, vmInitializationMs: 2, biosExecutionMs: 3, extra: 4 } as never, false);
    expect(m).toEqual({ type: 'bootline:state', version: 1, id: 'a', measures: { vmCreationMs: 1, vmInitializationMs: 2, biosExecutionMs: 3 }, playing: false });
  });
});

describe('embed contract: the parent parameter', () => {
  it('takes exactly an http(s) origin, with at most a trailing slash', () => {
    expect(parseOrigin('https://docs.example.com')).toBe('https://docs.example.com');
    expect(parseOrigin('https://docs.example.com/')).toBe('https://docs.example.com');
    expect(parseOrigin('http://127.0.0.1:4180')).toBe('http://127.0.0.1:4180');
  });

  it('refuses wildcards, paths, other schemes and junk rather than trimming them', () => {
    for (const bad of ['*', 'https://docs.example.com/wiki', 'https://docs.example.com?x=1', 'javascript:alert(1)', 'file:///tmp', 'docs.example.com', 'null', '', null, undefined]) {
      expect(parseOrigin(bad)).toBeUndefined();
    }
  });
});
