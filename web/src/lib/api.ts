import { useSession } from './session';
import type { AccessTokenResponse } from './types';

export const API_BASE = '/api/v1';

export interface FieldError {
  /** Field path without the leading `body`, e.g. `["username"]`. */
  path: string[];
  message: string;
  code?: string;
}

/** An RFC 9457 problem answered by the API, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds from the Retry-After header of a 429. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    code: string;
    detail?: string;
    errors?: FieldError[];
    retryAfter?: number | null;
  }) {
    super(init.detail || init.code);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_error',
  429: 'rate_limited',
};

type RawFieldError = {
  loc?: (string | number)[];
  path?: string | (string | number)[];
  field?: string;
  msg?: string;
  message?: string;
  detail?: string;
  code?: string;
  type?: string;
};

function normalisePath(raw: RawFieldError): string[] {
  const source = raw.loc ?? raw.path ?? raw.field ?? [];
  const parts = Array.isArray(source) ? source.map(String) : String(source).split(/[./]/);
  const cleaned = parts.filter((p) => p !== '' && p !== '#');
  return cleaned[0] === 'body' || cleaned[0] === 'query' ? cleaned.slice(1) : cleaned;
}

function parseFieldErrors(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((e): e is RawFieldError => typeof e === 'object' && e !== null)
    .map((e) => ({
      path: normalisePath(e),
      message: e.msg ?? e.message ?? e.detail ?? '',
      code: e.code ?? e.type,
    }));
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown>;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = {};
  }
  const retryHeader = res.headers.get('Retry-After');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  return new ApiError({
    status: res.status,
    code: typeof body.code === 'string' ? body.code : (STATUS_CODES[res.status] ?? 'server_error'),
    detail: typeof body.detail === 'string' ? body.detail : '',
    errors: parseFieldErrors(body.errors),
    retryAfter,
  });
}

let refreshInFlight: Promise<string | null> | null = null;

const postRefresh = () => fetch(`${API_BASE}/auth/refresh`, { method: 'POST', credentials: 'include' });

async function performRefresh(): Promise<string | null> {
  let res: Response;
  try {
    // Tabs share the cookie: a lock makes a second tab wait for the rotated cookie instead of
    // presenting the one the first tab just used (which would revoke the session).
    res = navigator.locks ? await navigator.locks.request('daira-refresh', postRefresh) : await postRefresh();
  } catch {
    return null;
  }
  if (!res.ok) return null;
  const body = (await res.json()) as AccessTokenResponse;
  useSession.getState().setAccessToken(body.access_token);
  return body.access_token;
}

/**
 * Exchanges the refresh cookie for a new access token. However many callers ask at once, only one
 * request is in flight: refresh tokens rotate on every use and presenting a used one revokes the
 * whole session, so two parallel refreshes would sign the user out.
 */
export function refreshAccessToken(): Promise<string | null> {
  refreshInFlight ??= performRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** 401s that mean "wrong secret in this request", not "your session has expired". */
const CREDENTIAL_CODES = new Set([
  'invalid_credentials',
  'invalid_password',
  'wrong_password',
  'otp_required',
  'invalid_otp',
]);

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Send the access token and recover from a 401 with one refresh (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'include',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network_error' });
  }
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const useAuth = options.auth ?? true;
  const sentToken = useAuth ? useSession.getState().accessToken : null;
  let res = await send(path, options, sentToken);

  if (res.status === 401 && useAuth) {
    const problem = await toApiError(res.clone());
    if (CREDENTIAL_CODES.has(problem.code)) throw problem;
    const current = useSession.getState().accessToken;
    // Another request may already have refreshed while this one was in flight.
    const token = current && current !== sentToken ? current : await refreshAccessToken();
    if (token) {
      res = await send(path, options, token);
    }
    if (!token || res.status === 401) {
      const error = await toApiError(res);
      if (useSession.getState().status === 'signedIn') useSession.getState().signOut('expired');
      throw error;
    }
  }

  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
