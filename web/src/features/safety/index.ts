export { RelationDialog } from './components/RelationDialog';
export { ProfileSafetyMenu } from './components/ProfileSafetyMenu';
export { RelationList } from './components/RelationList';
export type { RelationChange } from './hooks/useRelation';
export type { Relation } from './api/safety';
