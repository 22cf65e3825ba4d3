export { ProfileForm } from './components/ProfileForm';
export { useChooseLanguage, useUpdateMe } from './hooks/useProfile';
export { WhoToFollow } from './components/WhoToFollow';
