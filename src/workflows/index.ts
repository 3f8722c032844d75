export { storyWorkflow } from './story';
export { domainWorkflow } from './domain';
export { progressQuery, domainProgressQuery, mergeDecisionUpdate } from './handlers';
