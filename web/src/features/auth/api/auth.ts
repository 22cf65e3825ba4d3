import { api, refreshAccessToken } from '@/lib/api';
import { takeBootSession } from '@/lib/boot';
import { useSession } from '@/lib/session';
import type { Locale, LoginResponse, Me } from '@/lib/types';

export interface SignupBody {
  email: string;
  username: string;
  password: string;
  display_name?: string;
  /** The page's language: the account's emails are written in it. */
  locale: Locale;
  accept_terms: boolean;
}

export interface LoginBody {
  email: string;
  password: string;
  otp?: string;
}

export const signup = (body: SignupBody) => api<void>('/auth/signup', { method: 'POST', body, auth: false });

export const verifyEmail = (token: string) =>
  api<void>('/auth/verify-email', { method: 'POST', body: { token }, auth: false });

export const resendVerification = (email: string) =>
  api<void>('/auth/resend-verification', { method: 'POST', body: { email }, auth: false });

export const requestPasswordReset = (email: string) =>
  api<void>('/auth/request-password-reset', { method: 'POST', body: { email }, auth: false });

export const resetPassword = (token: string, newPassword: string) =>
  api<void>('/auth/reset-password', { method: 'POST', body: { token, new_password: newPassword }, auth: false });

export const fetchMe = () => api<Me>('/users/me');

export const saveLocale = (locale: Locale) => api<Me>('/users/me', { method: 'PATCH', body: { locale } });

export async function login(body: LoginBody): Promise<Me> {
  const tokens = await api<LoginResponse>('/auth/login', { method: 'POST', body, auth: false });
  useSession.getState().signIn(tokens.access_token, tokens.user);
  return tokens.user;
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/auth/logout', { method: 'POST' });
  } finally {
    useSession.getState().signOut();
  }
}

let restoring: Promise<void> | null = null;

/**
 * On page load: one refresh with the HttpOnly cookie decides whether the user is signed in, before
 * any route renders, so a signed-in user never sees the login page flash.
 */
export function restoreSession(): Promise<void> {
  restoring ??= (async () => {
    const early = takeBootSession();
    if (early) {
      // boot.js already asked, and the refresh answers the user too: nothing more to fetch.
      const answer = await early;
      if (answer) useSession.getState().signIn(answer.access_token, answer.user);
      else useSession.getState().signOut();
      return;
    }
    const token = await refreshAccessToken();
    const session = useSession.getState();
    if (!token) {
      session.signOut();
      return;
    }
    try {
      const user = session.user ?? (await fetchMe());
      useSession.getState().signIn(token, user);
    } catch {
      useSession.getState().signOut();
    }
  })();
  return restoring;
}
