/**
 * No string becomes code: nothing in the app's sources (src/, static/, the two HTML pages)
 * uses eval, the Function constructor or a string timer, so the site runs under a CSP
 * without 'unsafe-eval' (README.md, Security). The build, dependencies included, is
 * scanned the same way by test/e2e/csp.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDynamicCode } from './eval-scan.ts';

const SOURCE = /\.(ts|js|mjs|svelte|html)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : SOURCE.test(name) ? [path] : [];
  });
}

describe('the scanner', () => {
  it('finds every way of turning a string into code', () => {
    const samples = [
      'eval("1 + 1")',
      'window.eval(code)',
      '(0, eval)(code)',
      'new Function("a", "return a")',
      'Function("return this")()',
      'const F = Function; new F("")',
      'probe(Function)',
      '(() => {}).constructor("return 1")',
      "setTimeout('tick()', 10)",
      'setInterval(`tick()`, 10)',
    ];
    for (const s of samples) expect(findDynamicCode(s), s).not.toEqual([]);
  });

  it('leaves lookalikes alone', () => {
    const samples = [
      'service.invokeFunction(accessor)',
      'evaluateGoals(lesson, trace)',
      'if (typeof Function === "function") {}',
      'x instanceof Function && x()',
      'if (c === Function) {}',
      'setTimeout(() => tick(), 10)',
      'setInterval(tick, 10)',
      'const label = `Function types cannot be represented`',
      '// the words eval and Function in a comment',
    ];
    for (const s of samples) expect(findDynamicCode(s), s).toEqual([]);
  });

  it('says where a hit is', () => {
    expect(findDynamicCode('let a = 1;\nlet b = 2;\nreturn eval(x);')).toEqual([{ rule: 'eval', line: 3, excerpt: 'let a = 1; let b = 2; return eval(x);' }]);
  });
});

describe('the app sources', () => {
  const sources = [...files('src'), ...files('static'), 'index.html', 'embed.html'];

  it('covers the pages, the workers and the embed script', () => {
    expect(sources).toEqual(expect.arrayContaining(['index.html', 'embed.html', join('static', 'embed', 'gpu-vm-playground.js'), join('src', 'ui', 'charts', 'sweep.worker.ts')]));
    expect(sources.length).toBeGreaterThan(100);
  });

  it('never turn a string into code', () => {
    const hits = sources.flatMap((file) => findDynamicCode(readFileSync(file, 'utf8')).map((h) => `${file}:${h.line} ${h.rule}: ${h.excerpt}`));
    expect(hits).toEqual([]);
  });
});
