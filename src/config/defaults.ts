/** The task queue shared by WAVE's workers and clients. */
export const DEFAULT_TASK_QUEUE = 'wave';
/** The namespace used when none is configured. */
export const DEFAULT_NAMESPACE = 'default';
