/**
 * Server-sent events read with fetch, not EventSource: the API authenticates with a bearer token in the
 * Authorization header, which EventSource cannot send (and a token in the URL would end up in logs). The stream
 * resumes after a drop, an `expired` event (the access token lapsed: a fresh one is fetched) or a 503 (after its
 * Retry-After), with Last-Event-ID set to the last event received, so nothing is missed or repeated.
 */
import { SseParser, type SseMessage } from '@shared/sse';
import { tokens } from './api';

export type StreamMessage = SseMessage;

export interface StreamHandle {
  close(): void;
}

export function openEventStream(
  path: string,
  options: { lastEventId: number; onEvent(message: StreamMessage): void; onStatus?(connected: boolean): void },
): StreamHandle {
  let lastEventId = options.lastEventId;
  let closed = false;
  let abort: AbortController | undefined;
  let retryMs = 1000;

  const connect = async (): Promise<void> => {
    while (!closed) {
      abort = new AbortController();
      let waitMs = retryMs;
      try {
        const token = await tokens.current();
        const res = await fetch(`/api/v1${path}`, {
          headers: { Accept: 'text/event-stream', 'Last-Event-ID': String(lastEventId), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          signal: abort.signal,
        });
        if (res.status === 503 || res.status === 429) waitMs = Number(res.headers.get('Retry-After') ?? 5) * 1000;
        else if (!res.ok || !res.body) waitMs = Math.min(retryMs * 2, 30_000);
        else {
          options.onStatus?.(true);
          retryMs = 1000;
          waitMs = 0;
          await read(res.body, (m) => {
            if (m.id !== undefined) lastEventId = m.id;
            options.onEvent(m);
          });
        }
      } catch {
        // dropped: reconnect below
      }
      options.onStatus?.(false);
      if (closed) return;
      await new Promise((r) => setTimeout(r, waitMs || 300));
      retryMs = Math.min(retryMs * 2, 30_000);
    }
  };
  void connect();
  return {
    close() {
      closed = true;
      abort?.abort();
    },
  };
}

async function read(body: ReadableStream<Uint8Array>, emit: (m: StreamMessage) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const message of parser.push(decoder.decode(value, { stream: true }))) {
      emit(message);
      if (message.event === 'expired') return;
    }
  }
}
