import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { API_BASE, refreshAccessToken } from './api';
import { useSession } from './session';

export interface EventStreamOptions {
  onEvent: (event: EventSourceMessage) => void;
  signal: AbortSignal;
}

const MAX_DELAY_MS = 30_000;

const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Server-Sent Events over fetch rather than EventSource: EventSource cannot send the
 * Authorization header, and the access token must not travel in a URL (it would land in logs
 * and history). Reconnects after a drop with growing pauses (or the server's `retry:`), resumes
 * with Last-Event-ID, and refreshes the access token once when the server answers 401. Runs
 * until `signal` aborts or the session cannot be refreshed.
 */
export async function openEventStream(path: string, { onEvent, signal }: EventStreamOptions): Promise<void> {
  let lastEventId: string | undefined;
  let serverRetry: number | undefined;
  let failures = 0;
  const parser = createParser({
    onEvent: (event) => {
      if (event.id !== undefined) lastEventId = event.id;
      onEvent(event);
    },
    onRetry: (ms) => {
      serverRetry = ms;
    },
  });

  while (!signal.aborted) {
    const token = useSession.getState().accessToken;
    if (!token) return;
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    try {
      const res = await fetch(`${API_BASE}${path}`, { headers, credentials: 'include', cache: 'no-store', signal });
      if (res.status === 401) {
        if (!(await refreshAccessToken())) return;
        continue;
      }
      if (res.ok && res.body) {
        failures = 0;
        parser.reset();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    failures += 1;
    await wait(serverRetry ?? Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(failures - 1, 5)), signal);
  }
}
