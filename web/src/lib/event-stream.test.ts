import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '@/test/utils';
import { openEventStream } from './event-stream';
import { useSession } from './session';

function sse(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const headersOf = (call: unknown[]) => (call[1] as RequestInit).headers as Record<string, string>;

describe('openEventStream', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signIn('first-token', null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    useSession.getState().signOut();
  });

  it('sends the bearer token, delivers events and resumes from the last event id', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    fetchMock
      .mockResolvedValueOnce(sse('retry: 5\nevent: unread\nid: 41\ndata: {"count": 2}\n\n: heartbeat\n\n'))
      .mockImplementationOnce(async () => {
        controller.abort();
        return sse('');
      });
    await openEventStream('/notifications/stream', {
      signal: controller.signal,
      onEvent: (e) => events.push(`${e.event}:${e.data}`),
    });
    expect(events).toEqual(['unread:{"count": 2}']);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/notifications/stream');
    expect(headersOf(fetchMock.mock.calls[0]!)).toMatchObject({ Authorization: 'Bearer first-token' });
    expect(headersOf(fetchMock.mock.calls[0]!)['Last-Event-ID']).toBeUndefined();
    expect(headersOf(fetchMock.mock.calls[1]!)).toMatchObject({ 'Last-Event-ID': '41' });
  });

  it('refreshes an expired access token once and reconnects with the new one', async () => {
    const controller = new AbortController();
    const events: string[] = [];
    fetchMock
      .mockResolvedValueOnce(jsonResponse({ status: 401, body: { code: 'not_authenticated' } }))
      .mockResolvedValueOnce(jsonResponse({ body: { access_token: 'second-token' } }))
      .mockResolvedValueOnce(sse('data: {"count": 1}\n\n'));
    await openEventStream('/notifications/stream', {
      signal: controller.signal,
      onEvent: (e) => {
        events.push(e.data);
        controller.abort();
      },
    });
    expect(fetchMock.mock.calls[1]?.[0]).toBe('/api/v1/auth/refresh');
    expect(headersOf(fetchMock.mock.calls[2]!)).toMatchObject({ Authorization: 'Bearer second-token' });
    expect(events).toEqual(['{"count": 1}']);
  });

  it('stops when the session cannot be refreshed', async () => {
    fetchMock
      .mockResolvedValueOnce(jsonResponse({ status: 401, body: { code: 'not_authenticated' } }))
      .mockResolvedValueOnce(jsonResponse({ status: 401, body: { code: 'invalid_refresh_token' } }));
    await openEventStream('/notifications/stream', { signal: new AbortController().signal, onEvent: () => {} });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
