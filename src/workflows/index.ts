export { storyWorkflow } from './story';
export { domainWorkflow } from './domain';
export type { DomainInput } from './domain';
export { progressQuery, domainProgressQuery, reviewUpdate } from './handlers';
