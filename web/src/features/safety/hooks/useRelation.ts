import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { safetyKeys, setRelation, type Relation } from '../api/safety';

export interface RelationChange {
  relation: Relation;
  username: string;
  on: boolean;
}

// Every list that may hold the other account's posts, comments or notifications: the server
// filters them out, so refetching is what makes the content disappear everywhere at once.
const AFFECTED = [['timeline'], ['post'], ['comments'], ['notifications'], ['search'], ['connections']] as const;

/** Blocks, unblocks, mutes or unmutes an account and refreshes whatever it changes. */
export function useSetRelation() {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: ({ relation, username, on }: RelationChange) => setRelation(relation, username, on),
    onSuccess: (_, { relation, username, on }) => {
      toast.success(t(`safety.${relation}.${on ? 'done' : 'undone'}`, { username }));
      void client.invalidateQueries({ queryKey: safetyKeys.list(relation) });
      void client.invalidateQueries({ queryKey: ['profile'] });
      for (const queryKey of AFFECTED) void client.invalidateQueries({ queryKey });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
}
