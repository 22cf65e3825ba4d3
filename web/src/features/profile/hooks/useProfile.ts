import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { changeLanguage } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import type { Locale, Profile } from '@/lib/types';
import { fetchConnections, fetchProfile, follow, unfollow, updateMe, type Connection, type MeUpdate } from '../api/profile';

export const profileKey = (username: string) => ['profile', username.toLowerCase()] as const;

export function useProfile(username: string) {
  return useQuery({ queryKey: profileKey(username), queryFn: () => fetchProfile(username) });
}

export function useConnections(username: string, kind: Connection) {
  return useInfiniteQuery({
    queryKey: ['connections', username.toLowerCase(), kind],
    queryFn: ({ pageParam }) => fetchConnections(username, kind, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** Follow and unfollow, shown at once and rolled back if the API refuses. */
export function useToggleFollow(username: string) {
  const client = useQueryClient();
  const { t } = useTranslation();
  const key = profileKey(username);
  return useMutation({
    mutationFn: (following: boolean) => (following ? unfollow(username) : follow(username)),
    onMutate: async (following) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Profile>(key);
      client.setQueryData<Profile>(key, (p) =>
        p ? { ...p, is_following: !following, followers_count: Math.max(0, p.followers_count + (following ? -1 : 1)) } : p,
      );
      return { previous };
    },
    onError: (error, _following, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      toast.error(errorMessage(error, t));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['timeline', 'home'] });
      void client.invalidateQueries({ queryKey: ['connections', username.toLowerCase()] });
      const me = useSession.getState().user;
      if (me) void client.invalidateQueries({ queryKey: profileKey(me.username) });
    },
  });
}

export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeUpdate) => updateMe(body),
    onSuccess: (me) => {
      useSession.getState().setUser(me);
      void client.invalidateQueries({ queryKey: profileKey(me.username) });
      void client.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

/**
 * Switches the page's language and, for a signed-in user, saves it on the account: emails are
 * written in the saved language, so the header switch and Settings must agree.
 */
export function useChooseLanguage(): (language: Locale) => void {
  const update = useUpdateMe();
  const signedIn = useSession((s) => s.status === 'signedIn');
  return (language) => {
    void changeLanguage(language);
    if (signedIn) update.mutate({ locale: language });
  };
}
