/** Light and dark themes: follow the system unless the user picked one (kept in the browser). */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'bootline.theme';

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export class Theme {
  choice = $state<ThemeChoice>('system');
  dark = $state(false);

  constructor() {
    try {
      const saved = localStorage.getItem(KEY);
      if (saved === 'light' || saved === 'dark' || saved === 'system') this.choice = saved;
    } catch {
      // Storage can be off (private windows, embeds); the system setting still applies.
    }
    if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.apply());
    this.apply();
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      localStorage.setItem(KEY, choice);
    } catch {
      // Not persisted; still applied for this visit.
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
