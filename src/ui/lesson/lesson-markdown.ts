/**
 * A step's prose as HTML: markdown through `marked`, then through DOMPurify. Two layers on
 * purpose. The renderer already keeps raw HTML as text, turns `lesson:` links into the page's
 * own routes, and drops any link that is not a lesson or an http(s) page; DOMPurify then
 * sanitizes the result with a short allow-list, so a slip in either layer stays inert.
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import { parseLessonHref } from '../../lessons/markdown.ts';
import { fieldKind } from '../../lessons/scenario-paths.ts';
import { routeToHash } from '../../app/url-state.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export type SafeLink = { readonly kind: 'lesson'; readonly href: string } | { readonly kind: 'external'; readonly href: string };

/** Where a prose link may point; undefined means "render the text, no link". */
export function safeLink(href: string): SafeLink | undefined {
  const lesson = parseLessonHref(href);
  if (lesson) return { kind: 'lesson', href: routeToHash({ page: 'lesson', lesson: lesson.lessonId, ...(lesson.step !== undefined ? { step: lesson.step } : {}) }) };
  try {
    const url = new URL(href);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { kind: 'external', href: url.href };
  } catch {
    // Not an absolute URL (a relative path, "javascript:…" fails the protocol test above): no link.
  }
  return undefined;
}

/** Inline code that names a scenario key ("guest.ramGiB") can reveal that key in the editor. */
export function isScenarioKey(text: string): boolean {
  return text.includes('.') && fieldKind(text) !== undefined;
}

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Lesson prose is markdown only: HTML an author (or an attacker) typed shows as text.
    html: ({ text }) => escapeHtml(text),
    // No figures in the lesson format yet: an image shows its alt text.
    image: ({ text }) => escapeHtml(text),
    codespan({ text }) {
      const code = `<code>${escapeHtml(text)}</code>`;
      if (!isScenarioKey(text)) return code;
      return `<button type="button" class="key" data-key="${escapeHtml(text)}" title="Show ${escapeHtml(text)} in the editor">${code}</button>`;
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const link = safeLink(href);
      if (!link) return inner;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      if (link.kind === 'lesson') return `<a href="${escapeHtml(link.href)}" class="lesson-link"${titleAttr}>${inner}</a>`;
      return `<a href="${escapeHtml(link.href)}" target="_blank" rel="noopener noreferrer"${titleAttr}>${inner}</a>`;
    },
  },
});

/** Markdown to HTML with the renderer's rules; not yet sanitized (see renderLessonMarkdown). */
export function markdownToHtml(text: string): string {
  const html = markdown.parse(text);
  if (typeof html !== 'string') throw new Error('marked returned a promise although async is off');
  return html;
}

const ALLOWED_TAGS = ['p', 'strong', 'em', 'del', 'code', 'pre', 'a', 'ul', 'ol', 'li', 'blockquote', 'br', 'hr', 'h3', 'h4', 'button', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];
const ALLOWED_ATTR = ['href', 'title', 'class', 'target', 'rel', 'type', 'data-key', 'align'];

/** DOMPurify with the lesson allow-list; throws where there is no DOM rather than pass HTML through unsanitized. */
export function sanitizeHtml(html: string): string {
  if (!DOMPurify.isSupported) throw new Error('DOMPurify needs a DOM: lesson HTML is only rendered in the browser');
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}

export function renderLessonMarkdown(text: string): string {
  return sanitizeHtml(markdownToHtml(text));
}
