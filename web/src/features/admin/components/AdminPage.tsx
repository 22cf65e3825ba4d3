import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, buttonClasses, Card, Tabs } from '@/components/ui';
import { ApiError } from '@/lib/api';
import { fetchStats } from '../api/admin';
import { AuditPanel } from './AuditPanel';
import { QueuePanel } from './QueuePanel';
import { RulesPanel } from './RulesPanel';
import { StatsPanel } from './StatsPanel';
import { UsersPanel } from './UsersPanel';
import { useDocumentTitle } from '@/lib/useDocumentTitle';

const TABS = ['overview', 'queue', 'users', 'rules', 'audit'] as const;
type Tab = (typeof TABS)[number];

export default function AdminPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.title'));
  const { tab } = useParams();
  const navigate = useNavigate();
  const active: Tab = (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'overview';
  // The same query the overview shows: it also tells whether this staff account may use /admin yet.
  const stats = useQuery({ queryKey: ['admin', 'stats'], queryFn: fetchStats });
  const needs2fa = stats.error instanceof ApiError && stats.error.code === 'staff_2fa_required';

  if (needs2fa) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">{t('admin.title')}</h1>
        <Alert tone="warning" title={t('admin.needs2faTitle')}>
          <p>{t('errors.codes.staff_2fa_required')}</p>
          <Link to="/settings/security" className={buttonClasses('primary', 'sm', 'mt-3')}>
            {t('admin.needs2faAction')}
          </Link>
        </Alert>
      </div>
    );
  }

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
