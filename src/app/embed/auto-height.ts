/**
 * Reports the content's height whenever it changes, so the host can size the frame to fit
 * and the embed never shows a scrollbar of its own. Observes the content element, not the
 * document: the document is as tall as the frame, so it could only ever grow.
 */
export function observeHeight(content: HTMLElement, report: (heightPx: number) => void): () => void {
  let last = -1;
  const measure = () => {
    // Whole pixels, rounded up: a frame a fraction too short would show a scrollbar.
    const h = Math.ceil(content.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    report(h);
  };
  const observer = new ResizeObserver(measure);
  observer.observe(content);
  measure();
  return () => observer.disconnect();
}
