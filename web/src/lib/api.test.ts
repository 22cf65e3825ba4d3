import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problem } from '@/test/utils';
import { api, ApiError, refreshAccessToken } from './api';
import { useSession } from './session';
import { mona as me } from '@/test/fixtures';

function authHeader(init?: RequestInit): string | undefined {
  return (init?.headers as Record<string, string> | undefined)?.Authorization;
}

describe('api client', () => {
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signIn('old-token', me);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refreshes once for many parallel 401s and retries each request with the new token', async () => {
    let refreshes = 0;
    let releaseRefresh: () => void = () => {};
    fetchMock.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url === '/api/v1/auth/refresh') {
        refreshes += 1;
        expect(init?.credentials).toBe('include');
        await new Promise<void>((resolve) => {
          releaseRefresh = resolve;
        });
        return jsonResponse({ body: { access_token: 'new-token', token_type: 'bearer', expires_in: 900 } });
      }
      if (authHeader(init) === 'Bearer new-token') return jsonResponse({ body: { url } });
      return problem(401, 'unauthorized');
    });

    const calls = Promise.all([api<{ url: string }>('/feed'), api<{ url: string }>('/posts'), api<{ url: string }>('/users/me')]);
    await vi.waitFor(() => expect(refreshes).toBe(1));
    releaseRefresh();
    const results = await calls;

    expect(refreshes).toBe(1);
    expect(results.map((r) => r.url)).toEqual(['/api/v1/feed', '/api/v1/posts', '/api/v1/users/me']);
    expect(useSession.getState().accessToken).toBe('new-token');
    expect(useSession.getState().status).toBe('signedIn');
  });

  it('signs the user out when the refresh is refused, without retrying forever', async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url === '/api/v1/auth/refresh' ? problem(401, 'unauthorized') : problem(401, 'unauthorized'),
    );

    await expect(api('/feed')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(useSession.getState().status).toBe('signedOut');
    expect(useSession.getState().accessToken).toBeNull();
    expect(useSession.getState().endReason).toBe('expired');
  });

  it('starts a new refresh after the previous one has finished', async () => {
    fetchMock.mockImplementation(async () =>
      jsonResponse({ body: { access_token: `t${fetchMock.mock.calls.length}`, token_type: 'bearer', expires_in: 900 } }),
    );
    await refreshAccessToken();
    await refreshAccessToken();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('does not refresh for a wrong password or a missing 2FA code', async () => {
    fetchMock.mockResolvedValue(problem(401, 'otp_required'));
    await expect(api('/auth/2fa/disable', { method: 'POST', body: {} })).rejects.toMatchObject({ code: 'otp_required' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(useSession.getState().status).toBe('signedIn');
  });

  it('parses problem+json: code, detail, field paths and Retry-After', async () => {
    fetchMock.mockResolvedValueOnce(
      problem(
        422,
        'validation_error',
        { detail: 'Invalid input', errors: [{ loc: ['body', 'username'], msg: 'taken', type: 'username_taken' }] },
      ),
    );
    const error = await api('/auth/signup', { method: 'POST', body: {}, auth: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation_error', detail: 'Invalid input' });
    expect((error as ApiError).errors).toEqual([{ path: ['username'], message: 'taken', code: 'username_taken' }]);

    fetchMock.mockResolvedValueOnce(problem(429, 'rate_limited', {}, { 'Retry-After': '120' }));
    const limited = await api('/auth/login', { method: 'POST', auth: false }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, retryAfter: 120 });
  });

  it('sends JSON bodies with the bearer token and returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ status: 204 }));
    await expect(api('/posts/p1/like', { method: 'POST', body: { a: 1 } })).resolves.toBeUndefined();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/posts/p1/like');
    expect(authHeader(init)).toBe('Bearer old-token');
    expect(init.body).toBe('{"a":1}');
  });

  it('turns a network failure into a network_error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(api('/feed')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
