// API shapes (SPEC section 3). `npm run api-types` generates src/lib/api-schema.d.ts from the
// backend's OpenAPI document; these hand-written types are the subset the web app relies on.

export type Role = 'user' | 'moderator' | 'admin';
export type Locale = 'en' | 'ar';
export type ModerationStatus = 'visible' | 'hidden' | 'removed' | 'flagged' | string;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface UserSummary {
  id?: string;
  username: string;
  display_name: string;
  avatar_url: string | null;
}

export interface Me extends UserSummary {
  id: string;
  email: string;
  bio: string | null;
  locale: Locale;
  role: Role;
  email_verified?: boolean;
  two_factor_enabled?: boolean;
  totp_enabled?: boolean;
  created_at: string;
}

export interface Profile extends UserSummary {
  id: string;
  bio: string | null;
  followers_count: number;
  following_count: number;
  posts_count: number;
  is_following: boolean;
  created_at: string;
}

export interface Post {
  id: string;
  author: UserSummary;
  content: string;
  created_at: string;
  like_count: number;
  comment_count: number;
  liked_by_me: boolean;
  moderation_status: ModerationStatus;
}

export interface Comment {
  id: string;
  post_id?: string;
  author: UserSummary;
  content: string;
  created_at: string;
  moderation_status: ModerationStatus;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  user?: Me;
}

export interface AuthSession {
  id: string;
  device?: string | null;
  user_agent?: string | null;
  ip?: string | null;
  ip_address?: string | null;
  created_at: string;
  last_seen_at?: string | null;
  last_seen?: string | null;
  current?: boolean;
  is_current?: boolean;
}

export interface TwoFactorSetup {
  secret: string;
  otpauth_uri?: string;
  provisioning_uri?: string;
  otpauth_url?: string;
}

export interface TwoFactorEnabled {
  recovery_codes: string[];
}

export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hate',
  'violence',
  'nudity',
  'misinformation',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface AdminUser {
  id: string;
  email: string;
  username: string;
  display_name?: string;
  role: Role;
  verified?: boolean;
  email_verified?: boolean;
  disabled?: boolean;
  is_disabled?: boolean;
  created_at: string;
  last_login?: string | null;
  last_login_at?: string | null;
}

export interface AdminStats {
  users_total: number;
  users_active_24h: number;
  users_disabled: number;
  posts_total: number;
  posts_hidden: number;
  reports_open: number;
  queue_pending: number;
}

export interface QueueItem {
  type?: 'post' | 'comment' | 'profile' | string;
  id?: string;
  content?: string | null;
  text?: string | null;
  author?: UserSummary | null;
  username?: string;
  moderation_status?: ModerationStatus;
}

export interface QueueEntry {
  id: string;
  item_type?: 'post' | 'comment' | 'profile' | string;
  item?: QueueItem | null;
  source: 'auto' | 'report' | string;
  severity?: 'low' | 'medium' | 'high' | string | null;
  matched_rules?: ({ pattern: string; severity?: string; action?: string } | string)[];
  reports?: { count: number; reasons: Record<string, number> | string[] } | null;
  report_count?: number;
  status?: string;
  created_at: string;
}

export type RuleMatch = 'word' | 'phrase' | 'regex';
export type RuleSeverity = 'low' | 'medium' | 'high';
export type RuleAction = 'flag' | 'hide' | 'block';

export interface ModerationRule {
  id: string;
  pattern: string;
  match: RuleMatch;
  severity: RuleSeverity;
  action: RuleAction;
  enabled: boolean;
  hits?: number;
  precision?: number | null;
}

export interface RuleTestResult {
  matched: (string | { pattern: string })[];
  action: RuleAction | null;
}

export interface AuditEntry {
  id: string;
  actor?: string | { username: string } | null;
  actor_username?: string | null;
  action: string;
  target?: string | null;
  target_type?: string | null;
  target_id?: string | null;
  reason?: string | null;
  ip?: string | null;
  created_at: string;
}
