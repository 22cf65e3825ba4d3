import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert, Button, EmptyState, Handle, Input, Modal, Select, Skeleton, Textarea, toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import type { AdminUser, Role } from '@/lib/types';
import { disableSchema, type DisableValues } from '@/lib/validation';
import { changeRole, disableUser, enableUser, searchUsers } from '../api/admin';

function DisableDialog({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<DisableValues>({ resolver: zodResolver(disableSchema), defaultValues: { reason: '' } });
  const mutation = useMutation({
    mutationFn: (v: DisableValues) => disableUser(user?.id ?? 0, v.reason.trim()),
    onSuccess: () => {
      toast.success(t('admin.users.disabledToast', { username: user?.username }));
      void client.invalidateQueries({ queryKey: ['admin'] });
      form.reset();
      onClose();
    },
  });
  return (
    <Modal
      open={user !== null}
      onClose={onClose}
      title={t('admin.users.disableTitle', { username: user?.username ?? '' })}
      description={t('admin.users.disableHelp')}
    >
      <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit((v) => mutation.mutate(v))}>
        {mutation.isError ? <Alert tone="error">{errorMessage(mutation.error, t)}</Alert> : null}
        <Textarea label={t('admin.reason')} rows={3} error={form.formState.errors.reason?.message} {...form.register('reason')} />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="danger" loading={mutation.isPending}>
            {t('admin.users.disable')}
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function UserRow({ user, onDisable }: { user: AdminUser; onDisable: (u: AdminUser) => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const me = useSession((s) => s.user);
  const self = me?.id === user.id;
  const enable = useMutation({
    mutationFn: () => enableUser(user.id),
    onSuccess: () => {
      toast.success(t('admin.users.enabledToast', { username: user.username }));
      void client.invalidateQueries({ queryKey: ['admin'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const role = useMutation({
    mutationFn: (next: Role) => changeRole(user.id, next),
    onSuccess: () => {
      toast.success(t('admin.users.roleChanged'));
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const disabled = user.disabled;
  return (
    <li className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          <Handle username={user.username} />
          {disabled ? (
            <span className="ms-2 rounded-full border border-danger px-2 py-0.5 text-xs text-danger">{t('admin.users.disabledBadge')}</span>
          ) : null}
          {!user.verified ? (
            <span className="ms-2 rounded-full border border-warning px-2 py-0.5 text-xs text-warning">{t('admin.users.unverified')}</span>
          ) : null}
        </p>
        <p className="truncate text-sm text-muted" dir="ltr">
          {user.email}
        </p>
        {user.disabled && user.disabled_reason ? (
          <p className="text-sm" dir="auto">
            <span className="text-muted">{t('admin.reason')}: </span>
            {user.disabled_reason}
          </p>
        ) : null}
        <p className="text-xs text-muted">
          {t('admin.users.joined', { date: formatDateTime(user.created_at, i18n.language) })} ·{' '}
          {t('admin.users.lastLogin', { date: formatDateTime(user.last_login, i18n.language) })}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        {me?.role === 'admin' ? (
          <Select
            label={t('admin.users.role')}
            hideLabel
            value={user.role}
            disabled={self || role.isPending}
            onChange={(e) => role.mutate(e.target.value as Role)}
            className="w-36"
          >
            {(['user', 'moderator', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`admin.roles.${r}`)}
              </option>
            ))}
          </Select>
        ) : (
          <span className="text-sm text-muted">{t(`admin.roles.${user.role}`)}</span>
        )}
        {me?.role === 'admin' && !self ? (
          disabled ? (
            <Button size="sm" variant="secondary" onClick={() => enable.mutate()} loading={enable.isPending}>
              {t('admin.users.enable')}
            </Button>
          ) : (
            <Button size="sm" variant="danger" onClick={() => onDisable(user)}>
              {t('admin.users.disable')}
            </Button>
          )
        ) : null}
      </div>
    </li>
  );
}

export function UsersPanel() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const [disabling, setDisabling] = useState<AdminUser | null>(null);
  const query = useInfiniteQuery({
    queryKey: ['admin', 'users', deferred],
    queryFn: ({ pageParam }) => searchUsers(deferred, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <Input
        type="search"
        label={t('admin.users.search')}
        placeholder={t('admin.users.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {query.isPending ? (
        <div className="space-y-2" aria-busy="true">
          <Skeleton className="h-16" />
          <Skeleton className="h-16" />
        </div>
      ) : query.isError ? (
        <Alert tone="error">{errorMessage(query.error, t)}</Alert>
      ) : users.length === 0 ? (
        <EmptyState title={t('admin.users.none')} />
      ) : (
        <ul className="divide-y divide-border rounded-2xl border border-border" aria-label={t('admin.users.results')}>
          {users.map((user) => (
            <UserRow key={user.id} user={user} onDisable={setDisabling} />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('common.showMore')}
        </Button>
      ) : null}
      <DisableDialog user={disabling} onClose={() => setDisabling(null)} />
    </div>
  );
}
