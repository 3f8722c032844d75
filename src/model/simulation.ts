import { z } from 'zod';
import { PHASES } from './phase';

const Millis = z.number().int().min(0).max(3_600_000);
const perPhase = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(PHASES), value);

/** An injected failure: `transient` ones fail the first `attempts` attempts of the phase, `permanent` ones every attempt. */
export const SimulatedFailureSchema = z
  .object({
    phase: z.enum(PHASES),
    kind: z.enum(['transient', 'permanent']),
    /** For transient failures: how many attempts fail before one succeeds. @default 1 */
    attempts: z.number().int().min(1).max(100).default(1),
  })
  .strict();

/** What one domain does under the simulated executor. */
export const SimulatedDomainSchema = z
  .object({
    /** Duration of each phase (one number for all phases, or per phase), in milliseconds. */
    phaseMs: z.union([Millis, perPhase(Millis)]).optional(),
    /** Tokens each phase uses (one number, or per phase). */
    tokens: z.union([z.number().int().min(0), perPhase(z.number().int().min(0))]).optional(),
    /** Files the implement phase writes. @default [`src/<domain>/index.ts`, `src/<domain>/<domain>.service.ts`, `tests/<domain>.test.ts`] */
    files: z.array(z.string().min(1).max(500)).max(1000).optional(),
    /** Tests in the domain's suite. @default 6 */
    tests: z.number().int().min(0).max(100_000).optional(),
    /** The first N test runs each report one failing test (drives the fix loop). @default 0 */
    failingTestRuns: z.number().int().min(0).max(100).default(0),
    /** Failures to inject. */
    failures: z.array(SimulatedFailureSchema).max(20).default([]),
    /** The review phase rejects the plan. @default false */
    rejectPlan: z.boolean().default(false),
  })
  .strict();
export type SimulatedDomain = z.infer<typeof SimulatedDomainSchema>;

/** The simulated executor: deterministic, honest demo and test work, labelled as simulated in every output. */
export const SimulatedExecutorSchema = z
  .object({
    kind: z.literal('simulated'),
    /** Default duration of every phase, in milliseconds. @default 300 */
    phaseMs: Millis.default(300),
    /** Default tokens used by every phase. @default 1200 */
    tokensPerPhase: z.number().int().min(0).default(1200),
    /** Dollars per 1,000 tokens. @default 0.01 */
    usdPer1kTokens: z.number().min(0).default(0.01),
    /**
     * Share of phase attempts that fail with a transient error, chosen by a hash of the seed, story, domain, phase,
     * round and attempt: random-looking, yet the same on every run of the same scenario. @default 0
     */
    transientFailureRate: z.number().min(0).max(0.95).default(0),
    /** Seed of `transientFailureRate`. @default "wave" */
    seed: z.string().max(200).default('wave'),
    /** Per-domain scenario. */
    domains: z.record(z.string(), SimulatedDomainSchema.prefault({})).default({}),
  })
  .strict();
export type SimulatedExecutorConfig = z.infer<typeof SimulatedExecutorSchema>;
