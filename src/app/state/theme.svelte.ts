/** Light and dark themes: follow the system unless the user picked one (kept in the browser). */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'bootline.theme';

export interface ThemeOptions {
  /** The choice to start from when nothing is saved (or when not persisting). */
  readonly initial?: ThemeChoice;
  /**
   * Read and save the choice in localStorage. Embeds turn this off: they share the site's
   * storage, and a host page's theme must never overwrite the user's own playground choice.
   */
  readonly persist?: boolean;
}

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export class Theme {
  choice = $state<ThemeChoice>('system');
  dark = $state(false);
  readonly #persist: boolean;

  constructor(options: ThemeOptions = {}) {
    this.#persist = options.persist ?? true;
    this.choice = options.initial ?? 'system';
    if (this.#persist) {
      try {
        const saved = localStorage.getItem(KEY);
        if (saved === 'light' || saved === 'dark' || saved === 'system') this.choice = saved;
      } catch {
        // Storage can be off (private windows, embeds); the system setting still applies.
      }
    }
    if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.apply());
    this.apply();
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    if (this.#persist) {
      try {
        localStorage.setItem(KEY, choice);
      } catch {
        // Not persisted; still applied for this visit.
      }
    }
    this.apply();
  }

  toggle(): void {
    this.set(this.dark ? 'light' : 'dark');
  }

  apply(): void {
    this.dark = this.choice === 'dark' || (this.choice === 'system' && systemDark());
    document.documentElement.dataset.theme = this.dark ? 'dark' : 'light';
  }
}
