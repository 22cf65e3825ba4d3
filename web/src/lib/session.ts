import { create } from 'zustand';
import type { Me } from './types';

export type SessionStatus = 'unknown' | 'signedIn' | 'signedOut';

export interface SessionState {
  status: SessionStatus;
  /** Short-lived JWT. Lives only in memory; the refresh token is an HttpOnly cookie. */
  accessToken: string | null;
  user: Me | null;
  /** Why the session ended, so the login page can say it (e.g. "signed out elsewhere"). */
  endReason: 'expired' | null;
  signIn: (accessToken: string, user: Me | null) => void;
  setAccessToken: (accessToken: string) => void;
  setUser: (user: Me) => void;
  signOut: (reason?: 'expired') => void;
}

export const useSession = create<SessionState>()((set) => ({
  status: 'unknown',
  accessToken: null,
  user: null,
  endReason: null,
  signIn: (accessToken, user) => set({ status: 'signedIn', accessToken, user, endReason: null }),
  setAccessToken: (accessToken) => set({ accessToken }),
  setUser: (user) => set({ user }),
  signOut: (reason) =>
    set({ status: 'signedOut', accessToken: null, user: null, endReason: reason ?? null }),
}));

export const isStaff = (user: Me | null): boolean =>
  user?.role === 'moderator' || user?.role === 'admin';
