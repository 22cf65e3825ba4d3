export { useMentionAutocomplete } from './hooks/useMentionAutocomplete';
export { TrendingTags } from './components/TrendingTags';
