/**
 * The embed's end of the contract (contract.ts) on a real window: posts only to the `parent`
 * origin, and hands on only the messages the contract's gate lets through. Without a parent
 * origin, or when not framed at all, it is silent and deaf.
 */
import { acceptHostMessage, type EmbedMessage, type HostMessage, type Peer } from './contract.ts';

export class HostChannel {
  readonly #peer: Peer | undefined;

  constructor(parentOrigin: string | undefined) {
    const framed = window.parent !== window;
    this.#peer = parentOrigin && framed ? { origin: parentOrigin, window: window.parent } : undefined;
  }

  get connected(): boolean {
    return this.#peer !== undefined;
  }

  post(message: EmbedMessage): void {
    if (!this.#peer) return;
    window.parent.postMessage(message, this.#peer.origin);
  }

  /** Listens until the returned function is called. */
  listen(onMessage: (message: HostMessage) => void): () => void {
    const handler = (event: MessageEvent) => {
      const message = acceptHostMessage(event, this.#peer);
      if (message) onMessage(message);
    };
    window.addEventListener('message', handler);
    return () => window.removeEventListener('message', handler);
  }
}
