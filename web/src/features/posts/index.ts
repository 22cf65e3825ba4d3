export { Composer } from './components/Composer';
export { Timeline } from './components/Timeline';
export { updatePostEverywhere } from './hooks/usePosts';
