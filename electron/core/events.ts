/** A tiny fan-out for streamed events; shells subscribe and forward (SSE, webContents.send). */
import type { StreamEvent } from '../../shared/contract.js';

export type EventListener = (event: StreamEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StreamEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken subscriber (closed socket) must not stop the others or the work itself.
      }
    }
  }
}
