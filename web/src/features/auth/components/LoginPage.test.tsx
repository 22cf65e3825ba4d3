import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import { jsonResponse, problem, renderPage } from '@/test/utils';
import LoginPage from './LoginPage';
import { mona as me } from '@/test/fixtures';

async function submitCredentials(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Email'), 'mona@example.com');
  await user.type(screen.getByLabelText('Password'), 'nile sunset felucca');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signOut();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('signs in and goes to the page that asked for it', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ body: { access_token: 'tok', token_type: 'bearer', expires_in: 900, user: me } }),
    );
    const user = userEvent.setup();
    renderPage(<LoginPage />, { path: '/login', at: '/login?next=/settings', routes: [{ path: '/settings', element: <p>settings page</p> }] });
    await submitCredentials(user);
    expect(await screen.findByText('settings page')).toBeInTheDocument();
    expect(useSession.getState()).toMatchObject({ status: 'signedIn', accessToken: 'tok' });
  });

  it('asks for the 2FA code when the API answers otp_required, then sends it', async () => {
    fetchMock
      .mockResolvedValueOnce(problem(401, 'otp_required'))
      .mockResolvedValueOnce(jsonResponse({ body: { access_token: 'tok', token_type: 'bearer', expires_in: 900, user: me } }));
    const user = userEvent.setup();
    renderPage(<LoginPage />, { path: '/login', at: '/login', routes: [{ path: '/', element: <p>home</p> }] });
    await submitCredentials(user);

    const code = await screen.findByLabelText('Code');
    await user.type(code, '123456');
    await user.click(screen.getByRole('button', { name: 'Verify and log in' }));
    expect(await screen.findByText('home')).toBeInTheDocument();
    const body = JSON.parse((fetchMock.mock.calls[1] as [string, RequestInit])[1].body as string);
    expect(body).toEqual({ email: 'mona@example.com', password: 'nile sunset felucca', otp: '123456' });
  });

  it('offers to resend the verification email for an unverified address', async () => {
    fetchMock
      .mockResolvedValueOnce(problem(403, 'email_not_verified'))
      .mockResolvedValueOnce(jsonResponse({ status: 202, body: {} }));
    const user = userEvent.setup();
    renderPage(<LoginPage />, { path: '/login' });
    await submitCredentials(user);
    expect(await screen.findByRole('status')).toHaveTextContent('Please confirm your email address first.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument(); // a step to take, not an error
    await user.click(await screen.findByRole('button', { name: 'Send a new confirmation link' }));
    const sent = await screen.findByText(/a new link is on its way/);
    expect(sent.closest('[role="alert"]')).toBeNull(); // the green note never sits in a red box
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/resend-verification');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'mona@example.com' });
  });

  it('tells a rate-limited user how long to wait', async () => {
    fetchMock.mockResolvedValue(problem(429, 'rate_limited', {}, { 'Retry-After': '60' }));
    const user = userEvent.setup();
    renderPage(<LoginPage />, { path: '/login' });
    await submitCredentials(user);
    expect(await screen.findByText('Too many attempts. Please try again in about a minute.')).toBeInTheDocument();
  });
});
