export { ProfileForm } from './components/ProfileForm';
export { useChooseLanguage, useUpdateMe } from './hooks/useProfile';
