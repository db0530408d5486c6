/**
 * The first layer of lesson prose safety, in Node: the renderer keeps raw HTML as text and
 * never makes a link that is not a lesson or an http(s) page. The DOMPurify layer is checked
 * in a real browser (test/e2e/lessons.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { markdownToHtml, safeLink, sanitizeHtml } from '../../src/ui/lesson/lesson-markdown.ts';

const HOSTILE = [
  'Before <script>alert(1)</script> after.',
  '<img src=x onerror="alert(1)">',
  '[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) and [vb](vbscript:msgbox)',
  '<a href="javascript:alert(1)">raw link</a>',
  '[x](JaVaScRiPt:alert(1)) [y]( javascript:alert(1) ) <javascript:alert(1)>',
  '![pic](javascript:alert(1) "t") and <iframe src="https://example.com"></iframe>',
  '<details open ontoggle=alert(1)>x</details>',
].join('\n\n');

describe('lesson markdown renderer', () => {
  it('keeps raw HTML as text and makes no link or attribute that could run code', () => {
    const html = markdownToHtml(HOSTILE);
    expect(html).not.toMatch(/<script|<img|<iframe|<details/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The link text survives, as plain text.
    expect(html).toMatch(/>?click\b/);
  });

  it('turns lesson links into the page routes, and http(s) links into new-tab links', () => {
    const html = markdownToHtml('[Lesson 4](lesson:04-prezero), [its step 2](lesson:04-prezero#2), [the talk](https://example.org/talk).');
    expect(html).toContain('<a href="#/lesson/04-prezero" class="lesson-link">Lesson 4</a>');
    expect(html).toContain('<a href="#/lesson/04-prezero?step=2" class="lesson-link">its step 2</a>');
    expect(html).toContain('<a href="https://example.org/talk" target="_blank" rel="noopener noreferrer">the talk</a>');
    expect(safeLink('lesson:../../etc')).toBeUndefined();
    expect(safeLink('/relative')).toBeUndefined();
  });

  it('makes scenario keys in inline code into buttons that name the key, and leaves other code alone', () => {
    const html = markdownToHtml('Change `host.zeroingGBps`, not `PG_zero` or `guest.nope`.');
    expect(html).toContain('<button type="button" class="key" data-key="host.zeroingGBps" title="Show host.zeroingGBps in the editor"><code>host.zeroingGBps</code></button>');
    expect(html).toContain('<code>PG_zero</code>');
    expect(html).toContain('<code>guest.nope</code>');
  });

  it('refuses to pass HTML through unsanitized where there is no DOM', () => {
    expect(() => sanitizeHtml('<p>x</p>')).toThrow(/DOM/);
  });
});
