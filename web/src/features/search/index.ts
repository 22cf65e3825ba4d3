export { useMentionAutocomplete } from './hooks/useMentionAutocomplete';
