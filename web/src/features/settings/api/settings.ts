import { api } from '@/lib/api';
import type { AuthSession, Id, Page, TwoFactorEnabled, TwoFactorSetup } from '@/lib/types';

export function uploadAvatar(file: File) {
  const body = new FormData();
  body.append('file', file);
  return api<{ avatar_url: string | null }>('/users/me/avatar', { method: 'PUT', body });
}

export const deleteAvatar = () => api<unknown>('/users/me/avatar', { method: 'DELETE' });

export const changePassword = (current_password: string, new_password: string) =>
  api<void>('/auth/change-password', { method: 'POST', body: { current_password, new_password } });

export async function fetchSessions(): Promise<AuthSession[]> {
  const result = await api<AuthSession[] | Page<AuthSession>>('/auth/sessions');
  return Array.isArray(result) ? result : result.items;
}

export const revokeSession = (id: Id) => api<void>(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const logoutAll = () => api<void>('/auth/logout-all', { method: 'POST' });

// The server asks for the password again: a stolen access token alone cannot turn 2FA on.
export const setupTwoFactor = (password: string) =>
  api<TwoFactorSetup>('/auth/2fa/setup', { method: 'POST', body: { password } });
export const enableTwoFactor = (code: string) =>
  api<TwoFactorEnabled>('/auth/2fa/enable', { method: 'POST', body: { code } });
export const disableTwoFactor = (password: string, code: string) =>
  api<void>('/auth/2fa/disable', { method: 'POST', body: { password, code } });
