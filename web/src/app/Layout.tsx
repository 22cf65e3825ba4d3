import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { Handle, PageSpinner, Toaster } from '@/components/ui';
import { GlobeIcon, HomeIcon, LogoutIcon, SearchIcon, SettingsIcon, ShieldIcon, UserIcon } from '@/components/ui/icons';
import { logout } from '@/features/auth';
import { NotificationBell, useNotificationStream } from '@/features/notifications';
import { cn } from '@/lib/cn';
import { isStaff, useSession } from '@/lib/session';
import { Logo } from './Logo';
import { RightRail } from './rail/RightRail';
import { LanguageToggle, ThemeToggle } from './Toggles';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  end?: boolean;
}

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const items: NavItem[] = [
    { to: '/', label: t('nav.home'), icon: <HomeIcon />, end: true },
    { to: '/explore', label: t('nav.explore'), icon: <GlobeIcon /> },
    { to: '/search', label: t('nav.search'), icon: <SearchIcon /> },
  ];
  if (user) items.push({ to: `/u/${encodeURIComponent(user.username)}`, label: t('nav.profile'), icon: <UserIcon /> });
  items.push({ to: '/settings', label: t('nav.settings'), icon: <SettingsIcon /> });
  if (isStaff(user)) items.push({ to: '/admin', label: t('nav.admin'), icon: <ShieldIcon /> });
  return items;
}

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:start-4 focus:top-4 focus:z-50 focus:rounded-full focus:bg-primary focus:px-4 focus:py-2 focus:text-on-primary"
    >
      {t('app.skip')}
    </a>
  );
}

function SignOutButton({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <button
      type="button"
      onClick={() => void logout().finally(() => void navigate('/login', { replace: true }))}
      className={cn(
        'inline-flex items-center gap-3 rounded-full text-sm font-semibold text-muted hover:bg-surface-2 hover:text-fg',
        compact ? 'h-10 px-3' : 'px-4 py-2.5',
      )}
      aria-label={compact ? t('nav.logout') : undefined}
    >
      <LogoutIcon />
      {compact ? null : t('nav.logout')}
    </button>
  );
}

/** The signed-in shell: a side rail on wide screens, a top bar and bottom tabs on phones. */
export function AppLayout() {
  const { t } = useTranslation();
  const items = useNavItems();
  const user = useSession((s) => s.user);
  useNotificationStream();
  // Tables and tab bars get the whole width; timelines a readable column and the right rail.
  const admin = useMatch('/admin/*');
  const settings = useMatch('/settings/*');
  const wide = Boolean(admin ?? settings);

  return (
    <div className="min-h-dvh">
      <SkipLink />
      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-border bg-bg/90 px-4 py-2 backdrop-blur md:hidden">
        <Link to="/" aria-label={t('nav.home')}>
          <Logo />
        </Link>
        <div className="flex items-center">
          <NotificationBell variant="bar" />
          <LanguageToggle />
          <ThemeToggle />
          <SignOutButton compact />
        </div>
      </header>

      <div className="mx-auto flex max-w-[80rem] gap-6 md:px-4">
        <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col gap-2 py-6 md:flex">
          <Link to="/" className="px-4 pb-4" aria-label={t('nav.home')}>
            <Logo />
          </Link>
          <nav aria-label={t('nav.main')} className="flex flex-col gap-1">
            {items.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  cn(
                    'inline-flex items-center gap-3 rounded-full px-4 py-2.5 font-semibold transition-colors',
                    isActive ? 'bg-surface-2 text-primary' : 'text-fg hover:bg-surface-2',
                  )
                }
              >
                {item.icon}
                {item.label}
              </NavLink>
            ))}
            <NotificationBell variant="rail" />
          </nav>
          <div className="mt-auto flex flex-col gap-2 border-t border-border pt-4">
            {user ? (
              <p className="truncate px-4 text-sm text-muted">
                <Handle username={user.username} />
              </p>
            ) : null}
            <div className="flex items-center gap-1 px-1">
              <LanguageToggle />
              <ThemeToggle />
            </div>
            <SignOutButton />
          </div>
        </aside>

        <main
          id="main"
          tabIndex={-1}
          className={cn('min-w-0 flex-1 px-4 pb-28 pt-4 md:px-0 md:py-6', !wide && 'md:max-w-2xl')}
        >
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </main>
        {wide ? null : <RightRail />}
      </div>

      <nav
        aria-label={t('nav.main')}
        className="fixed inset-x-0 bottom-0 z-30 flex justify-around border-t border-border bg-bg/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
      >
        {items.map((item) => (
          <NavLink
            key={item.to}
            to={item.to}
            end={item.end}
            className={({ isActive }) =>
              cn(
                'flex min-w-16 flex-1 flex-col items-center gap-0.5 py-2 text-[0.7rem] font-semibold',
                isActive ? 'text-primary' : 'text-muted',
              )
            }
          >
            {item.icon}
            {item.label}
          </NavLink>
        ))}
      </nav>
      <Toaster />
    </div>
  );
}

/** The signed-out shell: sign-up, login, recovery and verification pages. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <header className="flex items-center justify-between px-4 py-3 sm:px-8">
        <Link to="/" aria-label={t('app.name')}>
          <Logo />
        </Link>
        <div className="flex items-center">
          <LanguageToggle />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1">
        <p className="mx-auto mt-2 max-w-md px-4 text-center text-muted">{t('app.tagline')}</p>
        <Suspense fallback={<PageSpinner />}>
          <Outlet />
        </Suspense>
      </main>
      <Toaster />
    </div>
  );
}
