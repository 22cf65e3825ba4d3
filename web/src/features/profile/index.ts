export { ProfileForm } from './components/ProfileForm';
export { useUpdateMe } from './hooks/useProfile';
