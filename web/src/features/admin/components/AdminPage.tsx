import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Card, Tabs } from '@/components/ui';
import { AuditPanel } from './AuditPanel';
import { QueuePanel } from './QueuePanel';
import { RulesPanel } from './RulesPanel';
import { StatsPanel } from './StatsPanel';
import { UsersPanel } from './UsersPanel';

const TABS = ['overview', 'queue', 'users', 'rules', 'audit'] as const;
type Tab = (typeof TABS)[number];

export default function AdminPage() {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'overview';
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('admin.title')}</h1>
      <Card>
        <Tabs<Tab>
          label={t('admin.title')}
          active={active}
          onChange={(next) => void navigate(`/admin/${next}`, { replace: true })}
          items={TABS.map((key) => ({ key, label: t(`admin.tabs.${key}`) }))}
        >
          <h2 className="sr-only">{t(`admin.tabs.${active}`)}</h2>
          {active === 'overview' ? <StatsPanel /> : null}
          {active === 'queue' ? <QueuePanel /> : null}
          {active === 'users' ? <UsersPanel /> : null}
          {active === 'rules' ? <RulesPanel /> : null}
          {active === 'audit' ? <AuditPanel /> : null}
        </Tabs>
      </Card>
    </div>
  );
}
