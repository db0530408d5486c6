/**
 * <gpu-vm-playground>: Bootline's playground inside another site's page (docs/embedding.md).
 * A standalone script with no dependencies, served from the Bootline site next to embed.html:
 *
 *   <script src="https://tools.example/bootline/embed/gpu-vm-playground.js" defer></script>
 *   <gpu-vm-playground lesson="04-prezero" step="2" view="memory" readonly></gpu-vm-playground>
 *
 * It shows a still card first and frames the playground only when the card is clicked or
 * scrolled near (nothing heavy loads for a reader who never gets there). The frame is sized
 * to the height the embed reports, so it never scrolls on its own; messages are taken only
 * from that frame's window and origin, and sent only to that origin.
 */
(() => {
  const TAG = 'gpu-vm-playground';
  if (customElements.get(TAG)) return;

  const VERSION = 1;
  /** Same bound as the embed's contract: larger is a bug or a hostile message (px). */
  const MAX_HEIGHT = 20000;
  /** Start loading this far before the card scrolls into view, so it is ready on arrival. */
  const NEAR_VIEW = '300px 0px';
  /** Without a "ready" by then (messages blocked, a file:// host), show the frame as is. */
  const READY_TIMEOUT_MS = 20000;
  const FALLBACK_HEIGHT = 720;

  // The script's own address, read while it runs (a classic script); a copy loaded some other
  // way looks itself up. The site is the script's directory's parent: <site>/embed/this.js.
  const scriptSrc =
    (document.currentScript && document.currentScript.src) ||
    (document.querySelector('script[src*="gpu-vm-playground.js"]') || {}).src ||
    location.href;
  const DEFAULT_SITE = new URL('../', scriptSrc).href;

  let instances = 0;
  /** Lesson titles per site, fetched once per page. */
  const lessonIndexes = new Map();

  const THEME_ATTRS = ['data-theme', 'data-color-scheme', 'data-bs-theme', 'data-md-color-scheme', 'class'];

  /**
   * The host page's theme for theme="auto": what common docs tools set on <html> or <body>
   * (Docusaurus and Starlight data-theme, MkDocs Material data-md-color-scheme, Bootstrap
   * data-bs-theme, VitePress and Tailwind class "dark"), else the reader's system setting.
   */
  function hostTheme() {
    for (const el of [document.documentElement, document.body]) {
      if (!el) continue;
      for (const name of THEME_ATTRS.slice(0, 4)) {
        const v = (el.getAttribute(name) || '').toLowerCase();
        if (v === 'dark' || v === 'slate') return 'dark';
        if (v === 'light' || v === 'default') return 'light';
      }
      if (el.classList.contains('dark')) return 'dark';
    }
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function base64Url(bytes) {
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /**
   * The `z` of a share link for a scenario attribute: a `z` as is, the `z` inside a pasted
   * share link, or JSONC text compressed exactly as the site's links are (raw deflate of the
   * versioned JSON state, base64url), with the browser's own CompressionStream.
   */
  async function scenarioZ(value) {
    const text = value.trim();
    if (!text) return undefined;
    const inLink = /[?&#]z=([A-Za-z0-9_-]+)/.exec(text);
    if (inLink) return inLink[1];
    if (/^[A-Za-z0-9_-]+$/.test(text)) return text;
    const json = JSON.stringify({ v: 1, page: 'playground', scenario: value });
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return base64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
  }

  function lessonIndex(site) {
    if (!lessonIndexes.has(site)) {
      lessonIndexes.set(
        site,
        fetch(new URL('embed/lessons.json', site))
          .then((r) => (r.ok ? r.json() : undefined))
          .catch(() => undefined),
      );
    }
    return lessonIndexes.get(site);
  }

  /** An embed message for this element with a valid shape, or undefined. */
  function readMessage(data, id) {
    if (!data || typeof data !== 'object' || data.version !== VERSION || data.id !== id) return undefined;
    if (data.type === 'bootline:ready' || data.type === 'bootline:resize') {
      const h = data.height;
      return typeof h === 'number' && Number.isFinite(h) && h >= 0 && h <= MAX_HEIGHT ? data : undefined;
    }
    if (data.type !== 'bootline:state' || typeof data.playing !== 'boolean') return undefined;
    // Only the three measures, each a duration, go on to the page's listeners.
    const m = data.measures;
    const ms = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (!m || typeof m !== 'object' || !ms(m.vmCreationMs) || !ms(m.vmInitializationMs) || !ms(m.biosExecutionMs)) return undefined;
    const measures = { vmCreationMs: m.vmCreationMs, vmInitializationMs: m.vmInitializationMs, biosExecutionMs: m.biosExecutionMs };
    return { type: data.type, version: VERSION, id, measures, playing: data.playing };
  }

  const STYLE = `
    :host { display: block; margin: 1.5em 0; color-scheme: light; }
    :host([hidden]) { display: none; }
    :host([data-dark]) { color-scheme: dark; }
    .card {
      display: flex; flex-direction: column; align-items: flex-start; gap: 10px;
      padding: 20px 24px; border: 1px solid #e3e6eb; border-radius: 8px;
      background: #f5f6f8; color: #161a20;
      font: 13px/20px Inter, system-ui, -apple-system, 'Segoe UI', sans-serif;
    }
    :host([data-dark]) .card { background: #14171c; border-color: #2b313a; color: #e8ebef; }
    .brand { display: flex; align-items: center; gap: 10px; font-weight: 600; }
    .brand span { font-weight: 400; opacity: 0.75; }
    .title { margin: 0; font-size: 18px; line-height: 26px; font-weight: 600; }
    .sub { margin: 0; opacity: 0.8; }
    button {
      display: inline-flex; align-items: center; gap: 8px; height: 36px; padding: 0 16px;
      border: 0; border-radius: 6px; background: #6650d6; color: #fff;
      font: inherit; font-weight: 600; cursor: pointer;
    }
    button:hover { background: #5640c4; }
    button:focus-visible { outline: 2px solid #6650d6; outline-offset: 2px; }
    button[disabled] { opacity: 0.7; cursor: progress; }
    .frame { position: relative; }
    .frame.pending { height: 0; overflow: hidden; }
    iframe { display: block; width: 100%; border: 0; border-radius: 8px; }
  `;

  /** One constructed sheet for every instance, made on first use. */
  let sheet;

  /**
   * The card's styles. A constructed sheet, where the browser has them, is not an inline
   * style to a Content-Security-Policy: the element works on a host page whose policy has
   * `style-src 'self'` without 'unsafe-inline'. Elsewhere a <style> element (returned, to append).
   */
  function shadowStyle(root) {
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLE);
      }
      root.adoptedStyleSheets = [sheet];
      return [];
    }
    const style = document.createElement('style');
    style.textContent = STYLE;
    return [style];
  }

  const LOGO =
    '<svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#161A20"/>' +
    '<rect x="6" y="9" width="20" height="3" rx="1.5" fill="#0072B2"/><rect x="6" y="15" width="13" height="3" rx="1.5" fill="#D55E00"/>' +
    '<rect x="6" y="21" width="7" height="3" rx="1.5" fill="#F0E442"/></svg>';

  class GpuVmPlayground extends HTMLElement {
    static observedAttributes = ['lesson', 'step', 'scenario', 'view', 'readonly', 'theme', 'autoplay', 'src', 'load'];

    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
      // Unique per element and per page load: two embeds on one page never read each other's messages.
      this.embedId = `gvp-${++instances}-${Math.random().toString(36).slice(2, 8)}`;
      this.cleanups = [];
      this.iframe = undefined;
      this.embedOrigin = undefined;
      this.generation = 0;
      /** Set once connected: attribute callbacks during the upgrade come before that. */
      this.rendered = false;
      this.loading = false;
      this.sentTheme = undefined;
    }

    /** Where the playground is served from: the src attribute, or this script's site. */
    get site() {
      const src = this.getAttribute('src');
      if (!src) return DEFAULT_SITE;
      try {
        const url = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
        // Only a web address can serve the frame; javascript:, data: and the like never load.
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
      } catch {
        return undefined;
      }
    }

    flag(name) {
      const v = this.getAttribute(name);
      return v !== null && !['0', 'false', 'no', 'off'].includes(v.trim().toLowerCase());
    }

    /** light or dark: the attribute, or for "auto" (the default) the host page's theme. */
    resolvedTheme() {
      const t = this.getAttribute('theme');
      return t === 'light' || t === 'dark' ? t : hostTheme();
    }

    connectedCallback() {
      this.teardown();
      this.render();
      this.rendered = true;
    }

    disconnectedCallback() {
      this.teardown();
      this.rendered = false;
    }

    attributeChangedCallback(name, before, after) {
      if (!this.rendered || before === after) return;
      if (name === 'theme') {
        this.applyTheme();
        return;
      }
      // Anything else names another playground: start again from the card.
      this.teardown();
      this.render();
    }

    /** Public: play or pause the embedded timeline. */
    play() {
      this.post({ type: 'bootline:play', version: VERSION });
    }

    pause() {
      this.post({ type: 'bootline:pause', version: VERSION });
    }

    post(message) {
      if (this.iframe && this.iframe.contentWindow && this.embedOrigin) this.iframe.contentWindow.postMessage(message, this.embedOrigin);
    }

    /** Themes the card and tells the frame; a class flip on <html> that changes nothing sends nothing. */
    applyTheme(force = false) {
      const theme = this.resolvedTheme();
      this.toggleAttribute('data-dark', theme === 'dark');
      if (theme === this.sentTheme && !force) return;
      this.sentTheme = theme;
      this.post({ type: 'bootline:theme', version: VERSION, theme });
    }

    teardown() {
      this.generation++;
      for (const undo of this.cleanups.splice(0)) undo();
      this.loading = false;
      this.sentTheme = undefined;
      this.iframe = undefined;
      this.embedOrigin = undefined;
      this.shadowRoot.replaceChildren();
    }

    render() {
      const root = this.shadowRoot;
      const generation = this.generation;
      const card = document.createElement('section');
      card.className = 'card';
      card.setAttribute('aria-label', 'Bootline playground, not loaded yet');
      card.innerHTML = `<div class="brand">${LOGO}Bootline <span>GPU passthrough VM creation, step by step</span></div>`;
      const title = document.createElement('p');
      title.className = 'title';
      title.textContent = 'Why creating a VM with passthrough GPUs takes minutes';
      const sub = document.createElement('p');
      sub.className = 'sub';
      sub.textContent = 'An interactive simulation: the three measures, the timeline and one mechanism view.';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '▶ Load the interactive playground';
      card.append(title, sub, button);
      const frame = document.createElement('div');
      frame.className = 'frame pending';
      root.append(...shadowStyle(root), card, frame);
      this.toggleAttribute('data-dark', this.resolvedTheme() === 'dark');
      if (this.site === undefined) {
        // Say what is wrong on the page itself, where the author will look, and load nothing.
        const src = this.getAttribute('src') || '';
        sub.textContent = `Cannot load: the src attribute must be an http or https address of a Bootline site, not "${src.length > 60 ? `${src.slice(0, 60)}…` : src}".`;
        sub.setAttribute('role', 'alert');
        button.disabled = true;
        return;
      }

      const lesson = this.getAttribute('lesson');
      if (lesson) {
        title.textContent = `Lesson ${lesson}`;
        void lessonIndex(this.site).then((index) => {
          if (generation !== this.generation || !index || !Array.isArray(index.lessons)) return;
          const l = index.lessons.find((x) => x.id === lesson || (/^\d+$/.test(lesson) && x.number === Number(lesson)));
          if (!l) return;
          const step = Number(this.getAttribute('step') || '1');
          title.textContent = `Lesson ${l.number} · ${l.title}`;
          const stepTitle = l.steps[step - 1];
          if (stepTitle) sub.textContent = `Step ${step} of ${l.steps.length}: ${stepTitle}`;
        });
      }

      // theme="auto": follow the host page's theme switch and the system setting, card included.
      const follow = () => {
        const t = this.getAttribute('theme');
        if (t !== 'light' && t !== 'dark') this.applyTheme();
      };
      const mq = matchMedia('(prefers-color-scheme: dark)');
      mq.addEventListener('change', follow);
      const mo = new MutationObserver(follow);
      for (const el of [document.documentElement, document.body]) if (el) mo.observe(el, { attributes: true, attributeFilter: THEME_ATTRS });
      this.cleanups.push(() => {
        mq.removeEventListener('change', follow);
        mo.disconnect();
      });

      const load = () => {
        if (this.loading || generation !== this.generation) return;
        this.loading = true;
        button.disabled = true;
        button.textContent = 'Loading the playground…';
        void this.insertFrame(frame, card, generation);
      };
      button.addEventListener('click', load);
      if (this.getAttribute('load') !== 'click' && 'IntersectionObserver' in window) {
        const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && load(), { rootMargin: NEAR_VIEW });
        io.observe(this);
        this.cleanups.push(() => io.disconnect());
      }
    }

    async insertFrame(frame, card, generation) {
      const site = this.site;
      const q = new URLSearchParams();
      for (const name of ['lesson', 'step', 'view']) {
        const v = this.getAttribute(name);
        if (v) q.set(name, v);
      }
      const scenario = this.getAttribute('scenario');
      const z = scenario ? await scenarioZ(scenario) : undefined;
      if (generation !== this.generation) return;
      if (z) q.set('z', z);
      if (this.flag('readonly')) q.set('readonly', '1');
      if (this.flag('autoplay')) q.set('autoplay', '1');
      // "auto" is resolved here, so the embed starts in the host's theme with no flash.
      q.set('theme', this.resolvedTheme());
      // A page opened from a file has no origin to answer to: the frame then shows as is.
      const talks = location.origin !== 'null';
      if (talks) q.set('parent', location.origin);
      q.set('id', this.embedId);
      const url = new URL(`embed.html?${q}`, site);

      const iframe = document.createElement('iframe');
      iframe.title = this.getAttribute('lesson') ? `Bootline playground, lesson ${this.getAttribute('lesson')}` : 'Bootline playground';
      iframe.src = url.href;
      this.iframe = iframe;
      this.embedOrigin = url.origin;

      const reveal = (height) => {
        iframe.style.height = `${Math.ceil(height)}px`;
        if (card.isConnected) {
          card.remove();
          frame.classList.remove('pending');
        }
      };
      const onMessage = (event) => {
        // Only this frame's window, from the site's origin, in the contract's shape.
        if (event.source !== iframe.contentWindow || event.origin !== this.embedOrigin) return;
        const m = readMessage(event.data, this.embedId);
        if (!m) return;
        if (m.type === 'bootline:ready') {
          if (card.isConnected) {
            // First contact: say hello (the frame stops scrolling on its own) and send the theme.
            this.post({ type: 'bootline:hello', version: VERSION });
            this.applyTheme(true);
            this.dispatchEvent(new CustomEvent('bootline-ready', { detail: { id: m.id } }));
          }
          reveal(m.height);
        } else if (m.type === 'bootline:resize') {
          reveal(m.height);
        } else {
          this.dispatchEvent(new CustomEvent('bootline-state', { detail: { measures: m.measures, playing: m.playing } }));
        }
      };
      window.addEventListener('message', onMessage);
      this.cleanups.push(() => window.removeEventListener('message', onMessage));

      const timer = setTimeout(() => card.isConnected && reveal(FALLBACK_HEIGHT), talks ? READY_TIMEOUT_MS : 0);
      this.cleanups.push(() => clearTimeout(timer));

      frame.append(iframe);
    }
  }

  customElements.define(TAG, GpuVmPlayground);
})();
