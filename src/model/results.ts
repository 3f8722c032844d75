import { z } from 'zod';
import { UsageSchema } from './budget';
import { PHASES } from './phase';

/** How a domain ended (which of these count as its own failure: `isFailure` in `workflow-safe/domain-status.ts`). */
export const DOMAIN_STATUSES = ['succeeded', 'failed', 'cancelled', 'skipped', 'budget-exceeded'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

export const TestCountsSchema = z.object({
  passed: z.number().int().min(0),
  failed: z.number().int().min(0),
  skipped: z.number().int().min(0),
});
export type TestCounts = z.infer<typeof TestCountsSchema>;

/** What one phase produced: the executor's answer. */
export const PhaseResultSchema = z.object({
  summary: z.string(),
  filesModified: z.array(z.string()),
  tests: TestCountsSchema.optional(),
  /** Set by the review phase. */
  approved: z.boolean().optional(),
  /** Test output handed to the next `implement` when tests fail. */
  feedback: z.string().optional(),
  usage: UsageSchema,
  durationMs: z.number().min(0),
  /** Wall-clock start and end of the attempt that produced this result (ISO 8601). */
  startedAt: z.string(),
  finishedAt: z.string(),
  /** The activity attempt that succeeded (1 = no retry). */
  attempt: z.number().int().min(1),
  /** The phase stopped early because the domain's budget share ran out. */
  budgetExhausted: z.boolean().optional(),
  /** True when the work was simulated, not real. */
  simulated: z.boolean(),
  /** The commit the domain's branch is on after the phase (executors that change a repository). */
  commit: z.string().optional(),
  /** The dollars were priced from token counts with the price table: the CLI reported no cost. */
  costEstimated: z.boolean().optional(),
  /** The coding agent that did the phase: its CLI, session (resumed on a retry), model and turns. */
  agent: z
    .object({
      name: z.string(),
      sessionId: z.string().optional(),
      resumed: z.boolean().optional(),
      model: z.string().optional(),
      turns: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type PhaseResult = z.infer<typeof PhaseResultSchema>;

/** What an executor found out in a phase, beside its timing and usage. */
export type PhaseFindings = Pick<PhaseResult, 'summary' | 'filesModified' | 'tests' | 'approved' | 'feedback'>;

/** A finished phase inside a domain's result: the phase name, the fix iteration, and its result. */
export const PhaseRecordSchema = PhaseResultSchema.extend({
  phase: z.enum(PHASES),
  iteration: z.number().int().min(0),
});
export type PhaseRecord = z.infer<typeof PhaseRecordSchema>;

/** The outcome of one domain: always data, including when it failed. */
export const DomainResultSchema = z.object({
  domain: z.string(),
  status: z.enum(DOMAIN_STATUSES),
  critical: z.boolean(),
  layer: z.number().int().min(0),
  filesModified: z.array(z.string()),
  /** True when the last test phase passed. */
  testsPassed: z.boolean(),
  /** Counts of the last test phase (zeros when tests never ran). */
  tests: TestCountsSchema,
  budgetAllotted: UsageSchema,
  budgetUsed: UsageSchema,
  /** Implement/test rounds run (1 = no fix needed, 0 = never implemented). */
  attempts: z.number().int().min(0),
  error: z.object({ type: z.string(), message: z.string() }).optional(),
  /** Where a failed domain failed: the phase, and the worker (its identity, `<hostId>/<pid>`) of the last attempt. */
  failedAt: z.object({ phase: z.string(), host: z.string().optional() }).optional(),
  phases: z.array(PhaseRecordSchema),
});
export type DomainResult = z.infer<typeof DomainResultSchema>;
