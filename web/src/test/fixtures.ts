import type { Me } from '@/lib/types';

export const mona: Me = {
  id: 1,
  email: 'mona@example.com',
  username: 'mona',
  display_name: 'Mona',
  bio: '',
  avatar_url: null,
  locale: 'en',
  role: 'user',
  email_verified: true,
  totp_enabled: false,
  created_at: '2026-01-01T00:00:00Z',
};
