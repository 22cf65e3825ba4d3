import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSession } from '@/lib/session';
import { renderPage } from '@/test/utils';
import { PublicOnly, RequireAuth, RequireStaff } from './guards';
import { mona as user } from '@/test/fixtures';

describe('route guards', () => {
  it('waits for the session check instead of flashing the login page', () => {
    useSession.setState({ status: 'unknown', accessToken: null, user: null });
    renderPage(
      <RequireAuth>
        <p>feed</p>
      </RequireAuth>,
      { routes: [{ path: '/login', element: <p>login page</p> }] },
    );
    expect(screen.queryByText('login page')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');

    act(() => useSession.getState().signIn('tok', user));
    expect(screen.getByText('feed')).toBeInTheDocument();
  });

  it('sends a signed-out visitor to login, remembering where they were going', () => {
    useSession.getState().signOut();
    renderPage(
      <RequireAuth>
        <p>settings</p>
      </RequireAuth>,
      { path: '/settings', routes: [{ path: '/login', element: <p>login page</p> }] },
    );
    expect(screen.getByText('login page')).toBeInTheDocument();
  });

  it('sends a user who signs in on a deep link straight to it, not through home', () => {
    useSession.getState().signOut();
    renderPage(
      <PublicOnly>
        <p>login form</p>
      </PublicOnly>,
      {
        path: '/login',
        at: '/login?next=%2Fposts%2F7',
        routes: [
          { path: '/', element: <p>home</p> },
          { path: '/posts/:id', element: <p>post 7</p> },
        ],
      },
    );
    act(() => useSession.getState().signIn('tok', user));
    expect(screen.getByText('post 7')).toBeInTheDocument();
  });

  it('hides staff pages from ordinary users', () => {
    useSession.getState().signIn('tok', user);
    renderPage(
      <RequireStaff>
        <p>admin</p>
      </RequireStaff>,
    );
    expect(screen.queryByText('admin')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Page not found' })).toBeInTheDocument();

    act(() => useSession.getState().setUser({ ...user, role: 'moderator' }));
    expect(screen.getByText('admin')).toBeInTheDocument();
  });
});
