import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '@/lib/session';
import { mona } from '@/test/fixtures';
import { jsonResponse, problem, renderPage } from '@/test/utils';
import { TwoFactorSettings } from './TwoFactorSettings';

const setup = { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/Daira:mona?secret=JBSWY3DPEHPK3PXP', qr_svg: '' };

describe('TwoFactorSettings', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    useSession.getState().signIn('tok', mona);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the password before setting up and sends it', async () => {
    fetchMock.mockImplementation(async () => jsonResponse({ body: setup }));
    renderPage(<TwoFactorSettings me={{ ...mona, totp_enabled: false }} />);

    const start = screen.getByRole('button', { name: 'Set up two-factor' });
    expect(start).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'my-current-password' } });
    fireEvent.click(start);

    expect(await screen.findByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toContain('/auth/2fa/setup');
    expect(JSON.parse(init.body as string)).toEqual({ password: 'my-current-password' });
  });

  it('says so when the password is wrong', async () => {
    fetchMock.mockImplementation(async () =>
      problem(422, 'invalid_password', { errors: [{ loc: ['body', 'password'], field: 'password', msg: 'wrong' }] }),
    );
    renderPage(<TwoFactorSettings me={{ ...mona, totp_enabled: false }} />);

    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a-wrong-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-factor' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/isn't right/);
  });
});
