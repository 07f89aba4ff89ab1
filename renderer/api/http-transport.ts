/**
 * Carries the contract over the browser host's loopback HTTP (see shared/host-protocol.ts):
 * one POST per call with the page's token in a header, events over Server-Sent Events.
 * A network or protocol failure becomes a Result error, never a thrown exception.
 */
import type { MethodName, StreamEvent, Transport } from '../../shared/contract.js';
import { CALL_PREFIX, EVENTS_PATH, TOKEN_HEADER, TOKEN_META, TOKEN_QUERY } from '../../shared/host-protocol.js';
import { fail, type Result } from '../../shared/result.js';
import { t } from '../i18n/translate.js';

export function readPageToken(doc: Document = document): string {
  // The last non-empty one wins, whether the host replaced a placeholder or appended a tag.
  const metas = [...doc.querySelectorAll<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)];
  return metas.map((m) => m.content).filter(Boolean).pop() ?? '';
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

export function createHttpTransport(token: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): Transport {
  const listeners = new Set<(event: StreamEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${EVENTS_PATH}?${TOKEN_QUERY}=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      let event: StreamEvent;
      try {
        event = JSON.parse(String(message.data)) as StreamEvent;
      } catch {
        return; // a malformed event is dropped; calls still report their own results
      }
      for (const listener of listeners) listener(event);
    };
  };

  return {
    async call(method: MethodName, input: unknown): Promise<Result<unknown>> {
      let response: Response;
      try {
        response = await fetchImpl(CALL_PREFIX + method, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return fail('internal', t('error.network'), { action: t('error.networkAction') });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (isResult(body)) return body;
      if (response.status === 403) return fail('forbidden', t('error.forbidden'), { action: t('error.forbiddenAction') });
      return fail('internal', t('error.badReply', { status: response.status }), { action: t('error.networkAction') });
    },
    onEvent(listener) {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
