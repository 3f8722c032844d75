import type { Phase } from '../model/phase';
import type { PhaseInput } from '../model/phase-input';
import type { PhaseFindings } from '../model/results';
import type { SimulatedDomain, SimulatedExecutorConfig } from '../model/simulation';
import { SimulatedDomainSchema } from '../model/simulation';
import { executorMisconfigured, waveFailure } from '../workflow-safe/failure-types';
import { abortableSleep } from './abortable-sleep';
import type { Executor, PhaseContext } from './types';

const LABEL = '[simulated]';
const DEFAULT_TESTS = 6;
/** How often a running simulated phase heartbeats. */
const HEARTBEAT_EVERY_MS = 250;

/**
 * The simulated executor: no real work, but real time, real heartbeats, real cancellation and scripted usage, files,
 * test results and failures (per domain and phase, from the request). Every summary starts with "[simulated]".
 */
export function createSimulatedExecutor(): Executor {
  return {
    kind: 'simulated',
    async runPhase(input, context) {
      const config = simulatedConfig(input);
      const scenario = config.domains[input.domain] ?? SimulatedDomainSchema.parse({});
      injectFailure({ input, scenario, attempt: context.attempt });
      injectRandomFailure({ input, config, attempt: context.attempt });
      const demand = demandOf({ input, config, scenario });
      const affordable = Math.min(
        1,
        ratio(input.budgetLeft.tokens, demand.tokens),
        ratio(input.budgetLeft.costUsd, demand.costUsd),
      );
      const startedAt = new Date();
      await work({ ms: demand.ms * affordable, context, input });
      const finishedAt = new Date();
      const usage = {
        tokens: Math.min(input.budgetLeft.tokens, Math.floor(demand.tokens * affordable)),
        costUsd: Math.min(input.budgetLeft.costUsd, Math.floor(demand.costUsd * affordable * 1e6) / 1e6),
      };
      const findings: PhaseFindings =
        affordable < 1
          ? { summary: `${LABEL} ${input.phase} stopped: the ${input.domain} budget share ran out`, filesModified: [] }
          : findingsOf({ input, scenario });
      return {
        ...findings,
        usage,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        attempt: context.attempt,
        ...(affordable < 1 ? { budgetExhausted: true } : {}),
        simulated: true,
      };
    },
  };
}

function simulatedConfig(input: PhaseInput): SimulatedExecutorConfig {
  const { executor } = input.story;
  if (executor.kind !== 'simulated') {
    throw executorMisconfigured(`the simulated executor cannot run a "${executor.kind}" configuration`);
  }
  return executor;
}

function injectFailure(input: { input: PhaseInput; scenario: SimulatedDomain; attempt: number }): void {
  const { domain, phase } = input.input;
  const failure = input.scenario.failures.find((f) => f.phase === phase);
  if (!failure) return;
  if (failure.kind === 'permanent') {
    throw waveFailure({
      type: 'SimulatedPermanentFailure',
      message: `${LABEL} permanent failure in ${domain}/${phase}`,
    });
  }
  if (input.attempt <= failure.attempts) {
    throw waveFailure({
      type: 'SimulatedTransientFailure',
      message: `${LABEL} transient failure in ${domain}/${phase} (attempt ${input.attempt} of ${failure.attempts} that fail)`,
    });
  }
}

/** FNV-1a with a final avalanche (murmur3's fmix32): a stable string hash mapped evenly to [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 0x1_0000_0000;
}

function injectRandomFailure(input: { input: PhaseInput; config: SimulatedExecutorConfig; attempt: number }): void {
  const { domain, phase, iteration } = input.input;
  const { storyId } = input.input.story;
  if (input.config.transientFailureRate <= 0) return;
  const draw = unitHash([input.config.seed, storyId, domain, phase, iteration, input.attempt].join('|'));
  if (draw >= input.config.transientFailureRate) return;
  throw waveFailure({
    type: 'SimulatedTransientFailure',
    message: `${LABEL} random transient failure in ${domain}/${phase} (attempt ${input.attempt})`,
  });
}

function pick<T>(value: T | Partial<Record<Phase, T>> | undefined, phase: Phase): T | undefined {
  if (value === undefined || typeof value !== 'object' || value === null) return value as T | undefined;
  return (value as Partial<Record<Phase, T>>)[phase];
}

function demandOf(input: { input: PhaseInput; config: SimulatedExecutorConfig; scenario: SimulatedDomain }) {
  const { phase } = input.input;
  const tokens = pick(input.scenario.tokens, phase) ?? input.config.tokensPerPhase;
  return {
    ms: pick(input.scenario.phaseMs, phase) ?? input.config.phaseMs,
    tokens,
    costUsd: (tokens / 1000) * input.config.usdPer1kTokens,
  };
}

function ratio(available: number, needed: number): number {
  return needed <= 0 ? 1 : Math.max(0, available / needed);
}

/** Spends `ms` of real time, heartbeating, and stops at once when cancelled. */
async function work(input: { ms: number; context: PhaseContext; input: PhaseInput }): Promise<void> {
  const deadline = Date.now() + input.ms;
  input.context.heartbeat({ phase: input.input.phase, remainingMs: Math.round(input.ms) });
  for (let left = input.ms; left > 0; left = deadline - Date.now()) {
    await abortableSleep({ ms: Math.min(left, HEARTBEAT_EVERY_MS), signal: input.context.signal });
    input.context.heartbeat({ phase: input.input.phase, remainingMs: Math.max(0, Math.round(deadline - Date.now())) });
  }
}

function findingsOf(input: { input: PhaseInput; scenario: SimulatedDomain }): PhaseFindings {
  const { domain, phase, iteration } = input.input;
  const { title } = input.input.story;
  const files = input.scenario.files ?? [
    `src/${domain}/index.ts`,
    `src/${domain}/${domain}.service.ts`,
    `tests/${domain}.test.ts`,
  ];
  switch (phase) {
    case 'plan':
      return {
        summary: `${LABEL} ${domain} plan for "${title}": ${files.length} file(s) to change`,
        filesModified: [],
      };
    case 'review':
      return input.scenario.rejectPlan
        ? { summary: `${LABEL} ${domain} plan rejected by review`, filesModified: [], approved: false }
        : { summary: `${LABEL} ${domain} plan approved by review`, filesModified: [], approved: true };
    case 'implement':
      return {
        summary: `${LABEL} ${domain} implemented ${files.length} file(s)${input.input.feedback ? ` addressing: ${input.input.feedback}` : ''}`,
        filesModified: files,
      };
    case 'test': {
      const total = input.scenario.tests ?? DEFAULT_TESTS;
      const failed = iteration < input.scenario.failingTestRuns ? Math.min(1, total) : 0;
      const tests = { passed: total - failed, failed, skipped: 0 };
      return failed > 0
        ? {
            summary: `${LABEL} ${domain} tests: ${tests.passed} passed, ${failed} failed`,
            filesModified: [],
            tests,
            feedback: `FAIL tests/${domain}.test.ts > ${domain} case ${iteration + 1} (simulated)`,
          }
        : { summary: `${LABEL} ${domain} tests: ${tests.passed} passed`, filesModified: [], tests };
    }
  }
}
