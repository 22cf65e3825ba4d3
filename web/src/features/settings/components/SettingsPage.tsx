import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Card, Tabs } from '@/components/ui';
import { ProfileForm } from '@/features/profile';
import { RelationList } from '@/features/safety';
import { useSession } from '@/lib/session';
import { AvatarSettings } from './AvatarSettings';
import { PasswordSettings } from './PasswordSettings';
import { PreferenceSettings } from './PreferenceSettings';
import { SessionSettings } from './SessionSettings';
import { TwoFactorSettings } from './TwoFactorSettings';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

const TABS = ['profile', 'avatar', 'password', 'sessions', 'security', 'preferences', 'blocked', 'muted'] as const;
type Tab = (typeof TABS)[number];

export default function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  const { tab } = useParams();
  const navigate = useNavigate();
  const me = useSession((s) => s.user);
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'profile';
  if (!me) return null;

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('settings.title')}</h1>
      <Card>
        <Tabs<Tab>
          label={t('settings.title')}
          active={active}
          onChange={(next) => void navigate(`/settings/${next}`, { replace: true })}
          items={TABS.map((key) => ({ key, label: t(`settings.tabs.${key}`) }))}
        >
          <h2 className="sr-only">{t(`settings.tabs.${active}`)}</h2>
          {active === 'profile' ? <ProfileForm key={me.id} me={me} /> : null}
          {active === 'avatar' ? <AvatarSettings me={me} /> : null}
          {active === 'password' ? <PasswordSettings /> : null}
          {active === 'sessions' ? <SessionSettings /> : null}
          {active === 'security' ? <TwoFactorSettings me={me} /> : null}
          {active === 'preferences' ? <PreferenceSettings /> : null}
          {active === 'blocked' ? <RelationList relation="block" /> : null}
          {active === 'muted' ? <RelationList relation="mute" /> : null}
        </Tabs>
      </Card>
    </div>
  );
}
