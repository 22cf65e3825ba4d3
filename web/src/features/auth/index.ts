export { logout, restoreSession } from './api/auth';
export { PasswordStrengthMeter } from './components/PasswordStrengthMeter';
