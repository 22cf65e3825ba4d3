import { lazy } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { RequireAuth, RequireStaff, PublicOnly } from './guards';
import { AppLayout, PublicLayout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

// Every page is its own chunk: the entry bundle holds only the shell, the API client and i18n.
const LoginPage = lazy(() => import('@/features/auth/components/LoginPage'));
const SignupPage = lazy(() => import('@/features/auth/components/SignupPage'));
const VerifyEmailPage = lazy(() => import('@/features/auth/components/VerifyEmailPage'));
const ForgotPasswordPage = lazy(() => import('@/features/auth/components/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('@/features/auth/components/ResetPasswordPage'));
const HomeFeedPage = lazy(() => import('@/features/feed/components/HomeFeedPage'));
const PublicTimelinePage = lazy(() => import('@/features/feed/components/PublicTimelinePage'));
const PostPage = lazy(() => import('@/features/posts/components/PostPage'));
const ProfilePage = lazy(() => import('@/features/profile/components/ProfilePage'));
const SettingsPage = lazy(() => import('@/features/settings/components/SettingsPage'));
const AdminPage = lazy(() => import('@/features/admin/components/AdminPage'));
const NotificationsPage = lazy(() => import('@/features/notifications/components/NotificationsPage'));
const SearchPage = lazy(() => import('@/features/search/components/SearchPage'));
const TagPage = lazy(() => import('@/features/search/components/TagPage'));

export function createRouter() {
  return createBrowserRouter([
    {
      element: <PublicLayout />,
      children: [
        {
          element: (
            <PublicOnly>
              <Outlet />
            </PublicOnly>
          ),
          children: [
            { path: '/login', element: <LoginPage /> },
            { path: '/signup', element: <SignupPage /> },
            { path: '/forgot-password', element: <ForgotPasswordPage /> },
          ],
        },
        { path: '/verify-email', element: <VerifyEmailPage /> },
        { path: '/reset-password', element: <ResetPasswordPage /> },
      ],
    },
    {
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      children: [
        { path: '/', element: <HomeFeedPage /> },
        { path: '/explore', element: <PublicTimelinePage /> },
        { path: '/posts/:id', element: <PostPage /> },
        { path: '/u/:username', element: <ProfilePage tab="posts" /> },
        { path: '/u/:username/followers', element: <ProfilePage key="followers" tab="followers" /> },
        { path: '/u/:username/following', element: <ProfilePage key="following" tab="following" /> },
        { path: '/settings/:tab?', element: <SettingsPage /> },
        { path: '/notifications', element: <NotificationsPage /> },
        { path: '/search', element: <SearchPage /> },
        { path: '/tags/:tag', element: <TagPage /> },
        {
          path: '/admin/:tab?',
          element: (
            <RequireStaff>
              <AdminPage />
            </RequireStaff>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
