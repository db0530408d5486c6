/**
 * src/sim stays pure: no Svelte, no Monaco, no UI code, no DOM or real clocks. It runs the
 * same in Node, a Web Worker and the page, and the same scenario always gives the same Trace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const SIM = files('src/sim');
const FORBIDDEN_IMPORTS = /from\s+['"](svelte[^'"]*|monaco-editor[^'"]*|[^'"]*\/(ui|app|lessons)\/[^'"]*)['"]/;
// Globals, not methods of our own objects (this.clock.setTimeout is the simulated clock).
const FORBIDDEN_GLOBALS = /(?<![.\w])(window\.|document\.|navigator\.|localStorage|sessionStorage|requestAnimationFrame|performance\.now|Date\.now|new Date\(|Math\.random|setTimeout\(|setInterval\()/;

describe('src/sim purity', () => {
  it('has files to check', () => expect(SIM.length).toBeGreaterThan(20));

  it('imports no Svelte, Monaco or UI code', () => {
    const offenders = SIM.filter((f) => FORBIDDEN_IMPORTS.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('touches no DOM, real clock or randomness', () => {
    const offenders = SIM.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        // Comments and the simulated clock's own method declarations are fine.
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && !/^\s*(set|clear)Timeout\(\w+:/.test(line) && FORBIDDEN_GLOBALS.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });
});
