import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { restoreSession } from '@/features/auth';
import { useSession } from '@/lib/session';
import { createRouter } from './router';

export function App({ queryClient }: { queryClient: QueryClient }) {
  const [router] = useState(createRouter);

  useEffect(() => {
    void restoreSession();
  }, []);

  // A session that ends (logout, revoked, disabled) must not leave another user's data cached.
  useEffect(
    () =>
      useSession.subscribe((state, previous) => {
        if (previous.status === 'signedIn' && state.status === 'signedOut') queryClient.clear();
      }),
    [queryClient],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
