import { describe, expect, it } from 'vitest';
import { isStaff, useSession } from './session';
import { mona } from '@/test/fixtures';

const user = { ...mona, role: 'admin' };

describe('session store', () => {
  it('starts unknown, so no page decides before the refresh on load', () => {
    expect(useSession.getInitialState().status).toBe('unknown');
  });

  it('signs in and out, keeping the token only in memory', () => {
    useSession.getState().signIn('token', user);
    expect(useSession.getState()).toMatchObject({ status: 'signedIn', accessToken: 'token', user });
    expect(JSON.stringify(window.localStorage)).not.toContain('token');
    useSession.getState().signOut();
    expect(useSession.getState()).toMatchObject({ status: 'signedOut', accessToken: null, user: null });
  });

  it('knows staff roles', () => {
    expect(isStaff(user)).toBe(true);
    expect(isStaff({ ...user, role: 'moderator' })).toBe(true);
    expect(isStaff({ ...user, role: 'user' })).toBe(false);
    expect(isStaff(null)).toBe(false);
  });
});
