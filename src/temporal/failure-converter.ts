import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure converter used with payload encryption: failure messages and stack traces travel in encoded (so
 * encrypted) attributes instead of in plain text. Loaded by path, also inside the workflow sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
