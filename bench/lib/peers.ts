import { Annotation, END, START, Send, StateGraph } from '@langchain/langgraph';
import { createSimulatedExecutor } from '../../src/executors/simulated';
import type { PhaseContext } from '../../src/executors/types';
import { PHASES } from '../../src/model/phase';
import type { SimulatedExecutorConfig } from '../../src/model/simulation';
import { SimulatedExecutorSchema } from '../../src/model/simulation';

/**
 * The in-process peers WAVE is compared with: the same simulated phase work (the same executor, the same
 * durations), run without any durability.
 */
const executor = createSimulatedExecutor();
const context: PhaseContext = {
  heartbeat: () => undefined,
  signal: new AbortController().signal,
  attempt: 1,
  log: { info: () => undefined, warn: () => undefined },
};

/** One domain's four phases, one after the other, in this process. */
export async function runDomainInProcess(input: {
  storyId: string;
  domain: string;
  executor: SimulatedExecutorConfig;
}): Promise<number> {
  let tokens = 0;
  for (const phase of PHASES) {
    const result = await executor.runPhase(
      {
        story: { storyId: input.storyId, title: 'bench', executor: input.executor },
        domain: input.domain,
        phase,
        iteration: 0,
        budgetLeft: { tokens: 1_000_000, costUsd: 1_000 },
      },
      context,
    );
    tokens += result.usage.tokens;
  }
  return tokens;
}

/** Peer (a): a bare `Promise.all` over the domains — the floor, with no durability at all. */
export async function promiseAllPeer(input: { domains: string[]; phaseMs: number }): Promise<number> {
  const config = SimulatedExecutorSchema.parse({ kind: 'simulated', phaseMs: input.phaseMs });
  const tokens = await Promise.all(
    input.domains.map((domain) => runDomainInProcess({ storyId: 'peer', domain, executor: config })),
  );
  return tokens.length;
}

const State = Annotation.Root({
  domains: Annotation<string[]>,
  phaseMs: Annotation<number>,
  results: Annotation<number[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

const graph = new StateGraph(State)
  .addNode('domain', async (state: { domain: string; phaseMs: number }) => {
    const config = SimulatedExecutorSchema.parse({ kind: 'simulated', phaseMs: state.phaseMs });
    return { results: [await runDomainInProcess({ storyId: 'peer', domain: state.domain, executor: config })] };
  })
  .addConditionalEdges(START, (state) =>
    state.domains.map((domain) => new Send('domain', { domain, phaseMs: state.phaseMs })),
  )
  .addEdge('domain', END)
  .compile();

/** Peer (b): LangGraph.js map-reduce with `Send`, the stack the original WAVE used. */
export async function langGraphPeer(input: { domains: string[]; phaseMs: number }): Promise<number> {
  const out = await graph.invoke({ domains: input.domains, phaseMs: input.phaseMs }, { recursionLimit: 10_000 });
  return out.results.length;
}
