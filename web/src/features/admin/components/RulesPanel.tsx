import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatList, intlLocale } from '@/lib/format';
import { Alert, Button, Card, Checkbox, EmptyState, Input, Select, Skeleton, Textarea, toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { useSession } from '@/lib/session';
import type { ModerationRule, RuleAction, RuleInput, RuleMatch, RuleSeverity } from '@/lib/types';
import { createRule, deleteRule, fetchRules, testRules, updateRule } from '../api/admin';

const MATCHES: RuleMatch[] = ['word', 'phrase', 'regex'];
const SEVERITIES: RuleSeverity[] = ['low', 'medium', 'high'];
const ACTIONS: RuleAction[] = ['flag', 'hide', 'block'];

function TestBox() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const mutation = useMutation({ mutationFn: testRules });
  const result = mutation.data;
  return (
    <Card as="section" aria-labelledby="rule-test-title">
      <h3 id="rule-test-title" className="font-bold">
        {t('admin.rules.testTitle')}
      </h3>
      <form
        className="mt-3 flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) mutation.mutate(text);
        }}
      >
        <Textarea label={t('admin.rules.testLabel')} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <div>
          <Button type="submit" variant="secondary" loading={mutation.isPending} disabled={!text.trim()}>
            {t('admin.rules.test')}
          </Button>
        </div>
      </form>
      {mutation.isError ? <Alert tone="error" className="mt-3">{errorMessage(mutation.error, t)}</Alert> : null}
      {result ? (
        <Alert tone={result.action ? 'warning' : 'success'} className="mt-3" title={
          result.action ? t('admin.rules.wouldApply', { action: t(`admin.actions.${result.action}`) }) : t('admin.rules.noMatch')
        }>
          {result.matched.length > 0 ? (
            <span dir="auto">{formatList(result.patterns, i18n.language)}</span>
          ) : null}
        </Alert>
      ) : null}
    </Card>
  );
}

function NewRuleForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty: Required<RuleInput> = { pattern: '', match: 'word', severity: 'medium', action: 'flag', enabled: true };
  const [rule, setRule] = useState<Required<RuleInput>>(empty);
  const [patternError, setPatternError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: createRule,
    onSuccess: () => {
      setRule(empty);
      toast.success(t('admin.rules.created'));
      void client.invalidateQueries({ queryKey: ['admin', 'rules'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rule.pattern.trim()) return setPatternError(t('validation.pattern_required'));
    setPatternError(undefined);
    mutation.mutate({ ...rule, pattern: rule.pattern.trim() });
  };
  return (
    <Card as="section" aria-labelledby="new-rule-title">
      <h3 id="new-rule-title" className="font-bold">
        {t('admin.rules.newTitle')}
      </h3>
      <form onSubmit={submit} noValidate className="mt-3 grid gap-3 sm:grid-cols-2">
        <Input
          label={t('admin.rules.pattern')}
          className="sm:col-span-2 [&_input]:[unicode-bidi:plaintext]"
          value={rule.pattern}
          error={patternError}
          onChange={(e) => setRule({ ...rule, pattern: e.target.value })}
        />
        <Select label={t('admin.rules.match')} value={rule.match} onChange={(e) => setRule({ ...rule, match: e.target.value as RuleMatch })}>
          {MATCHES.map((m) => (
            <option key={m} value={m}>
              {t(`admin.match.${m}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t('admin.rules.severity')}
          value={rule.severity}
          onChange={(e) => setRule({ ...rule, severity: e.target.value as RuleSeverity })}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.severity.${s}`)}
            </option>
          ))}
        </Select>
        <Select label={t('admin.rules.action')} value={rule.action} onChange={(e) => setRule({ ...rule, action: e.target.value as RuleAction })}>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`admin.actions.${a}`)}
            </option>
          ))}
        </Select>
        <Checkbox
          className="self-end pb-2"
          label={t('admin.rules.enabled')}
          checked={rule.enabled}
          onChange={(e) => setRule({ ...rule, enabled: e.target.checked })}
        />
        {mutation.isError ? <Alert tone="error" className="sm:col-span-2">{errorMessage(mutation.error, t)}</Alert> : null}
        <div className="sm:col-span-2">
          <Button type="submit" loading={mutation.isPending}>
            {t('admin.rules.add')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function RuleRow({ rule, canEdit }: { rule: ModerationRule; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const onError = (error: unknown) => toast.error(errorMessage(error, t));
  const refresh = () => void client.invalidateQueries({ queryKey: ['admin', 'rules'] });
  const toggle = useMutation({ mutationFn: () => updateRule(rule.id, { enabled: !rule.enabled }), onSuccess: refresh, onError });
  const remove = useMutation({ mutationFn: () => deleteRule(rule.id), onSuccess: refresh, onError });
  const percent = new Intl.NumberFormat(intlLocale(i18n.language), { style: 'percent' });
  return (
    <tr className="border-t border-border">
      <td className="px-3 py-2 font-medium" dir="auto">
        {rule.pattern}
      </td>
      <td className="px-3 py-2">{t(`admin.match.${rule.match}`)}</td>
      <td className="px-3 py-2">{t(`admin.severity.${rule.severity}`)}</td>
      <td className="px-3 py-2">{t(`admin.actions.${rule.action}`)}</td>
      <td className="px-3 py-2 tabular-nums">{rule.hits ?? 0}</td>
      <td className="px-3 py-2 tabular-nums">
        {rule.precision === null || rule.precision === undefined ? '—' : percent.format(rule.precision)}
      </td>
      <td className="px-3 py-2">
        {canEdit ? (
          <div className="flex gap-1">
            <Button size="sm" variant="ghost" onClick={() => toggle.mutate()} loading={toggle.isPending} aria-pressed={rule.enabled}>
              {rule.enabled ? t('admin.rules.on') : t('admin.rules.off')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('common.delete')}
            </Button>
          </div>
        ) : (
          <span className="text-muted">{rule.enabled ? t('admin.rules.on') : t('admin.rules.off')}</span>
        )}
      </td>
    </tr>
  );
}

export function RulesPanel() {
  const { t } = useTranslation();
  const isAdmin = useSession((s) => s.user?.role === 'admin');
  const query = useQuery({ queryKey: ['admin', 'rules'], queryFn: fetchRules });
  return (
    <div className="flex flex-col gap-4">
      <TestBox />
      {isAdmin ? <NewRuleForm /> : null}
      {query.isPending ? (
        <Skeleton className="h-40" />
      ) : query.isError ? (
        <Alert tone="error">{errorMessage(query.error, t)}</Alert>
      ) : query.data.length === 0 ? (
        <EmptyState title={t('admin.rules.none')} description={t('admin.rules.noneHelp')} />
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-border">
          <table className="w-full text-start text-sm">
            <caption className="sr-only">{t('admin.rules.title')}</caption>
            <thead className="bg-surface-2 text-muted">
              <tr>
                {['pattern', 'match', 'severity', 'action', 'hits', 'precision', 'status'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 text-start font-semibold">
                    {t(`admin.rules.columns.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {query.data.map((rule) => (
                <RuleRow key={rule.id} rule={rule} canEdit={isAdmin} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
