import { api } from '@/lib/api';
import type {
  AdminStats,
  AuditVerify,
  Id,
  AdminUser,
  AuditEntry,
  ModerationRule,
  Page,
  QueueEntry,
  Role,
  QueueStatus,
  RuleInput,
  RulePatch,
  RuleTestResult,
} from '@/lib/types';

const asItems = <T>(result: T[] | Page<T>): Page<T> =>
  Array.isArray(result) ? { items: result, next_cursor: null } : result;

export const fetchStats = () => api<AdminStats>('/admin/stats');

export async function searchUsers(search: string, cursor: string | null) {
  return asItems(await api<AdminUser[] | Page<AdminUser>>('/admin/users', { query: { search, cursor, limit: 20 } }));
}

export const disableUser = (id: Id, reason: string) =>
  api<AdminUser>(`/admin/users/${encodeURIComponent(id)}/disable`, { method: 'POST', body: { reason } });
export const enableUser = (id: Id) =>
  api<AdminUser>(`/admin/users/${encodeURIComponent(id)}/enable`, { method: 'POST' });
export const changeRole = (id: Id, role: Role) =>
  api<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { role } });

export async function fetchQueue(status: QueueStatus, cursor: string | null) {
  return asItems(
    await api<QueueEntry[] | Page<QueueEntry>>('/admin/moderation-queue', { query: { status, cursor, limit: 20 } }),
  );
}

export const decide = (id: Id, decision: 'approve' | 'remove') =>
  api<unknown>(`/admin/moderation-queue/${encodeURIComponent(id)}/${decision}`, { method: 'POST' });

export async function fetchRules(): Promise<ModerationRule[]> {
  return asItems(await api<ModerationRule[] | Page<ModerationRule>>('/admin/moderation-rules', { query: { limit: 100 } }))
    .items;
}
export const createRule = (rule: RuleInput) =>
  api<ModerationRule>('/admin/moderation-rules', { method: 'POST', body: rule });
export const updateRule = (id: Id, rule: RulePatch) =>
  api<ModerationRule>(`/admin/moderation-rules/${encodeURIComponent(id)}`, { method: 'PATCH', body: rule });
export const deleteRule = (id: Id) =>
  api<void>(`/admin/moderation-rules/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const testRules = (text: string) =>
  api<RuleTestResult>('/admin/moderation-rules/test', { method: 'POST', body: { text } });

export interface AuditFilter {
  actor?: string;
  action?: string;
}

export async function fetchAudit(filter: AuditFilter, cursor: string | null) {
  return asItems(
    await api<AuditEntry[] | Page<AuditEntry>>('/admin/audit-log', { query: { ...filter, cursor, limit: 30 } }),
  );
}

export const verifyAudit = () => api<AuditVerify>('/admin/audit-log/verify');
