import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import { mona } from '@/test/fixtures';
import { jsonResponse, problem, renderPage } from '@/test/utils';
import AdminPage from './AdminPage';

const stats = {
  users_total: 1200,
  users_active_24h: 340,
  users_disabled: 3,
  posts_total: 5400,
  posts_hidden: 12,
  reports_open: 4,
  queue_pending: 7,
};

describe('AdminPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signIn('tok', { ...mona, role: 'moderator' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the stats on the overview', async () => {
    fetchMock.mockImplementation(async () => jsonResponse({ body: stats }));
    renderPage(<AdminPage />, { path: '/admin/:tab?', at: '/admin' });
    expect(await screen.findByText('1,200')).toBeInTheDocument();
    expect(screen.getByText('Queue pending')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  });

  it('sends staff without two-factor to set it up instead of showing broken panels', async () => {
    fetchMock.mockImplementation(async () => problem(403, 'staff_2fa_required'));
    renderPage(<AdminPage />, { path: '/admin/:tab?', at: '/admin/queue' });
    expect(await screen.findByText('Two-factor authentication required')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set up two-factor' })).toHaveAttribute('href', '/settings/security');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });
});
