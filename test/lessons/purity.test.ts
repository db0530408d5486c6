/**
 * src/lessons runs in the page bundle and in Node: no Svelte, no DOM, no Node built-ins, and
 * nothing from the UI layers above it. The file-system loader lives in src/cli instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FILES = readdirSync('src/lessons').filter((f) => f.endsWith('.ts')).map((f) => join('src/lessons', f));
const FORBIDDEN_IMPORTS = /from\s+['"](svelte[^'"]*|monaco-editor[^'"]*|node:[^'"]*|fs|path|[^'"]*\/(ui|app|cli)\/[^'"]*)['"]/;
const FORBIDDEN_GLOBALS = /(?<![.\w])(window\.|document\.|navigator\.|localStorage|sessionStorage|process\.|Date\.now|Math\.random)/;

describe('src/lessons purity', () => {
  it('has files to check', () => expect(FILES.length).toBeGreaterThan(10));

  it('imports no Svelte, Monaco, Node built-ins or UI code', () => {
    expect(FILES.filter((f) => FORBIDDEN_IMPORTS.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('touches no DOM, process, real clock or randomness', () => {
    const offenders = FILES.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && FORBIDDEN_GLOBALS.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
