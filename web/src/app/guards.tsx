import type { ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { PageSpinner } from '@/components/ui';
import { safeNext } from '@/lib/navigation';
import { isStaff, useSession } from '@/lib/session';
import { NotFoundPage } from './NotFoundPage';

/** Waits for the session check on page load, then sends signed-out visitors to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const location = useLocation();
  if (status === 'unknown') return <PageSpinner />;
  if (status === 'signedOut') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** Staff pages do not reveal themselves to other users: they answer like a missing page. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const user = useSession((s) => s.user);
  return isStaff(user) ? children : <NotFoundPage />;
}

/**
 * Login and sign-up pages send a signed-in user on: to `next` when a deep link brought them to
 * the login page (straight there, not through the home feed), else home.
 */
export function PublicOnly({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const [params] = useSearchParams();
  if (status === 'unknown') return <PageSpinner />;
  if (status === 'signedIn') return <Navigate to={safeNext(params.get('next'))} replace />;
  return children;
}
