import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problem, renderPage } from '@/test/utils';
import SignupPage from './SignupPage';

vi.mock('../hooks/usePasswordStrength', () => ({
  usePasswordStrength: (password: string) => (password ? (password.length > 12 ? 4 : 1) : null),
}));

async function fillValid(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Email'), 'mona@example.com');
  await user.type(screen.getByLabelText('Username'), 'منى_حسن');
  await user.type(screen.getByLabelText('Password'), 'nile sunset felucca');
  await user.type(screen.getByLabelText('Confirm password'), 'nile sunset felucca');
  await user.click(screen.getByRole('checkbox'));
}

describe('SignupPage', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('explains every rule it checks before calling the API', async () => {
    const user = userEvent.setup();
    renderPage(<SignupPage />);
    await user.type(screen.getByLabelText('Username'), 'ab');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.type(screen.getByLabelText('Confirm password'), 'different');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter your email address.')).toBeInTheDocument();
    expect(screen.getByText('Usernames are 3 to 30 characters.')).toBeInTheDocument();
    expect(screen.getByText('Passwords are 8 to 128 characters.')).toBeInTheDocument();
    expect(screen.getByText("The passwords don't match.")).toBeInTheDocument();
    expect(screen.getByText('Please accept the terms to continue.')).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the strength meter and sends accept_terms, then asks to check the inbox', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ status: 202, body: { detail: 'ok' } }));
    const user = userEvent.setup();
    renderPage(<SignupPage />);
    await fillValid(user);
    expect(screen.getByText('Very strong')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/signup');
    expect(JSON.parse(init.body as string)).toEqual({
      email: 'mona@example.com',
      username: 'منى_حسن',
      password: 'nile sunset felucca',
      locale: 'en',
      accept_terms: true,
    });
  });

  it('puts a taken username on the username field', async () => {
    fetchMock.mockResolvedValue(problem(409, 'username_taken', { detail: 'Username taken' }));
    const user = userEvent.setup();
    renderPage(<SignupPage />);
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('That username is taken. Try another one.')).toBeInTheDocument();
  });

  it('maps field errors of a 422 to the right inputs', async () => {
    fetchMock.mockResolvedValue(
      problem(422, 'weak_password', {
        errors: [{ loc: ['body', 'password'], field: 'password', msg: 'Add another word or two.' }],
      }),
    );
    const user = userEvent.setup();
    renderPage(<SignupPage />);
    await fillValid(user);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('Too easy to guess. Try a longer password.')).toBeInTheDocument();
  });
});
