import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/**
 * Adds the domain, phase and fix iteration of a `runPhase` activity to every log line and metric of it (the SDK's own
 * lines included), read from the activity's input once it starts.
 */
export const phaseLogAttributes: ActivityInterceptorsFactory = () => {
  let attributes: Record<string, string | number> = {};
  return {
    inbound: {
      execute: async (input, next) => {
        const arg = input.args[0] as { domain?: unknown; phase?: unknown; iteration?: unknown } | undefined;
        if (arg && typeof arg.domain === 'string' && typeof arg.phase === 'string') {
          attributes = {
            domain: arg.domain,
            phase: arg.phase,
            ...(typeof arg.iteration === 'number' ? { iteration: arg.iteration } : {}),
          };
        }
        return next(input);
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next({ ...input, ...attributes }),
    },
  };
};
