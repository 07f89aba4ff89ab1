/** A tiny fan-out for streamed events; shells subscribe and forward (SSE, webContents.send). */
import type { RequestEvent } from '../../shared/contract.js';
import { scrubDeep, StreamScrubber } from './util/scrub-secrets.js';

/** The core only ever emits events of requests (shell commands come from the desktop shell). */
export type EventListener = (event: RequestEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();
  /** Per request and channel: deltas are scrubbed of secrets even when a key is split across two. */
  private readonly streams = new Map<string, Map<string, StreamScrubber>>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RequestEvent): void {
    if (event.type === 'delta') {
      let channels = this.streams.get(event.requestId);
      if (!channels) this.streams.set(event.requestId, (channels = new Map()));
      let scrubber = channels.get(event.channel);
      if (!scrubber) channels.set(event.channel, (scrubber = new StreamScrubber()));
      const text = scrubber.push(event.text);
      if (text) this.send({ ...event, text });
      return;
    }
    if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') {
      // What a stream held back is released (scrubbed) before the request ends.
      for (const [channel, scrubber] of this.streams.get(event.requestId) ?? []) {
        const text = scrubber.flush();
        if (text) this.send({ requestId: event.requestId, type: 'delta', channel, text });
      }
      this.streams.delete(event.requestId);
    }
    this.send(scrubDeep(event));
  }

  private send(event: RequestEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken subscriber (closed socket) must not stop the others or the work itself.
      }
    }
  }
}
