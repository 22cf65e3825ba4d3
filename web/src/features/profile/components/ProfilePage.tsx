import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Avatar, Button, buttonClasses, Card, EmptyState, Handle, Modal, Skeleton, Tabs } from '@/components/ui';
import { Timeline } from '@/features/posts';
import { ProfileSafetyMenu } from '@/features/safety';
import { ApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { formatCount, formatDate } from '@/lib/format';
import { useSession } from '@/lib/session';
import type { Profile } from '@/lib/types';
import { useProfile, useToggleFollow } from '../hooks/useProfile';
import { ProfileForm } from './ProfileForm';
import { UserList } from './UserList';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

type Tab = 'posts' | 'followers' | 'following';

function FollowButton({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const toggle = useToggleFollow(profile.username);
  return (
    <Button
      variant={profile.is_following ? 'secondary' : 'primary'}
      aria-pressed={profile.is_following}
      onClick={() => toggle.mutate(profile.is_following)}
    >
      {profile.is_following ? t('profile.following') : t('profile.follow')}
    </Button>
  );
}

function ProfileHeader({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.user);
  const [editing, setEditing] = useState(false);
  const own = me?.username.toLowerCase() === profile.username.toLowerCase();
  const base = `/u/${encodeURIComponent(profile.username)}`;
  const stat = (value: number, label: string, to?: string) => {
    const inner = (
      <>
        <span className="font-bold text-fg">{formatCount(value, i18n.language)}</span> {label}
      </>
    );
    return to ? (
      <Link to={to} className="text-muted hover:underline">
        {inner}
      </Link>
    ) : (
      <span className="text-muted">{inner}</span>
    );
  };

  return (
    <Card padded={false} className="overflow-hidden">
      <div aria-hidden="true" className="h-24 bg-linear-120 from-nile-700 via-lapis-800 to-gold-700 sm:h-32" />
      <div className="px-4 pb-5 sm:px-6">
        <div className="-mt-12 flex items-end justify-between gap-3 sm:-mt-14">
          <Avatar name={profile.display_name} src={profile.avatar_url} size="xl" className="ring-4 ring-surface" />
          {own ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('profile.edit')}
            </Button>
          ) : (
            <div className="flex items-center gap-1">
              <ProfileSafetyMenu
                username={profile.username}
                displayName={profile.display_name}
                blocked={profile.is_blocked}
                muted={profile.is_muted}
              />
              {profile.is_blocked ? null : <FollowButton profile={profile} />}
            </div>
          )}
        </div>
        <h1 className="mt-3 text-2xl font-bold">{profile.display_name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-muted">
          <Handle username={profile.username} />
          {profile.is_muted ? (
            <span className="rounded-full border border-border px-2 py-0.5 text-xs font-semibold">{t('safety.mute.badge')}</span>
          ) : null}
        </p>
        {profile.bio ? (
          <p dir="auto" className="mt-3 whitespace-pre-wrap break-words">
            {profile.bio}
          </p>
        ) : null}
        <p className="mt-2 text-sm text-muted">{t('profile.joined', { date: formatDate(profile.created_at, i18n.language) })}</p>
        <div className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm">
          {stat(profile.posts_count, t('profile.posts', { count: profile.posts_count }))}
          {stat(profile.followers_count, t('profile.followers', { count: profile.followers_count }), `${base}/followers`)}
          {stat(profile.following_count, t('profile.followingCount', { count: profile.following_count }), `${base}/following`)}
        </div>
      </div>
      {own && me ? (
        <Modal open={editing} onClose={() => setEditing(false)} title={t('profile.edit')}>
          <ProfileForm me={me} onSaved={() => setEditing(false)} />
          <Link to="/settings" className={buttonClasses('ghost', 'sm', 'mt-2')}>
            {t('profile.moreSettings')}
          </Link>
        </Modal>
      ) : null}
    </Card>
  );
}

export default function ProfilePage({ tab = 'posts' }: { tab?: Tab }) {
  const { t } = useTranslation();
  const { username = '' } = useParams();
  const navigate = useNavigate();
  const query = useProfile(username);
  useDocumentTitle(query.data ? `${query.data.display_name} (@${query.data.username})` : `@${username}`);
  const base = `/u/${encodeURIComponent(username)}`;

  if (query.isPending) {
    return (
      <div className="flex flex-col gap-4" aria-busy="true">
        <Skeleton className="h-64 rounded-2xl" />
        <Skeleton className="h-32 rounded-2xl" />
      </div>
    );
  }
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert tone="error" title={missing ? t('profile.notFound') : undefined}>
        {missing ? t('profile.notFoundHelp', { username }) : errorMessage(query.error, t)}
      </Alert>
    );
  }

  const profile = query.data;
  return (
    <div className="flex flex-col gap-4">
      <ProfileHeader profile={profile} />
      <Tabs<Tab>
        label={t('profile.sections')}
        active={tab}
        onChange={(next) => void navigate(next === 'posts' ? base : `${base}/${next}`, { replace: true })}
        items={[
          { key: 'posts', label: t('profile.tabPosts') },
          { key: 'followers', label: t('profile.tabFollowers') },
          { key: 'following', label: t('profile.tabFollowing') },
        ]}
      >
        {profile.is_blocked ? (
          <EmptyState
            title={t('safety.block.profileTitle', { username: profile.username })}
            description={t('safety.block.profileHelp')}
          />
        ) : tab === 'posts' ? (
          <Timeline
            timeline={{ kind: 'user', username: profile.username }}
            label={t('profile.tabPosts')}
            empty={{ title: t('profile.noPosts') }}
          />
        ) : (
          <UserList username={profile.username} kind={tab} />
        )}
      </Tabs>
    </div>
  );
}
