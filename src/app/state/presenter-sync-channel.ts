/**
 * The BroadcastChannel between the presenter and speaker windows, for one lesson: sends
 * checked messages and hands on only well-formed ones about this lesson.
 */
import { channelName, readSyncMessage, wrap, type SyncMessage } from './presenter-sync.ts';

export class PresenterChannel {
  readonly #channel: BroadcastChannel | undefined;
  readonly #lesson: string;

  constructor(lesson: string, onmessage: (m: SyncMessage) => void) {
    this.#lesson = lesson;
    // Browsers without BroadcastChannel still present; only the speaker window cannot follow.
    if (typeof BroadcastChannel !== 'function') return;
    this.#channel = new BroadcastChannel(channelName(location.pathname));
    this.#channel.onmessage = (e: MessageEvent) => {
      const m = readSyncMessage(e.data);
      if (m && m.lesson === this.#lesson) onmessage(m);
    };
  }

  get available(): boolean {
    return this.#channel !== undefined;
  }

  send(message: SyncMessage): void {
    this.#channel?.postMessage(wrap(message));
  }

  close(): void {
    this.#channel?.close();
  }
}
