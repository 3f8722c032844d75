import { createSimulatedExecutor } from '../../src/executors/simulated';
import type { Executor } from '../../src/executors/types';

/** The simulated executor with a side-effect counter: how many times each domain/phase attempt started. */
export function countingExecutor(): { executor: Executor; calls: Map<string, number>; count(key: string): number } {
  const inner = createSimulatedExecutor();
  const calls = new Map<string, number>();
  return {
    calls,
    count: (key) => calls.get(key) ?? 0,
    executor: {
      kind: 'simulated',
      runPhase(input, context) {
        const key = `${input.story.storyId}/${input.domain}/${input.phase}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return inner.runPhase(input, context);
      },
    },
  };
}
