export { NotificationBell } from './components/NotificationBell';
export { useNotificationStream } from './hooks/useNotifications';
