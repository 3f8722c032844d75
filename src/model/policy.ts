import { z } from 'zod';

const PERCENT = /^(\d{1,3})(\.\d+)?%$/;

/** How many non-critical domain failures a run tolerates: a count (`2`) or a percentage of its domains (`"25%"`). */
export const ToleratedFailuresSchema = z.union([
  z.number().int('must be a whole number of domains').min(0, 'must be 0 or more'),
  z
    .string()
    .regex(PERCENT, 'must be a count like 2 or a percentage like "25%"')
    .refine((value) => Number.parseFloat(value) <= 100, 'must be at most 100%'),
]);
export type ToleratedFailures = z.infer<typeof ToleratedFailuresSchema>;

/** Retry policy of phase activities (transient executor errors). */
export const PhaseRetrySchema = z
  .object({
    /** Attempts per phase including the first. @default 3 */
    maximumAttempts: z.number().int().min(1).max(100).default(3),
    /** Delay before the first retry. @default 1000 */
    initialIntervalMs: z.number().int().min(1).default(1000),
    /** Multiplier of the delay after each retry. @default 2 */
    backoffCoefficient: z.number().min(1).max(10).default(2),
    /** Longest delay between retries. @default 30000 */
    maximumIntervalMs: z.number().int().min(1).default(30_000),
  })
  .strict()
  .refine((retry) => retry.maximumIntervalMs >= retry.initialIntervalMs, {
    path: ['maximumIntervalMs'],
    message: 'must be at least initialIntervalMs',
  });
export type PhaseRetry = z.infer<typeof PhaseRetrySchema>;

/** The partial-failure, parallelism and retry policy of a run, decided durably in workflow code. */
export const PolicySchema = z
  .object({
    /** On a critical failure, cancel running siblings and skip later layers. @default true */
    failFast: z.boolean().default(true),
    /** Non-critical failures the run tolerates before it fails (count or percentage). @default 0 */
    toleratedFailures: ToleratedFailuresSchema.default(0),
    /** Child workflows running at once (a sliding window over the layer's domains). @default 10 */
    maxParallelDomains: z.number().int().min(1).max(1000).default(10),
    /** Times `implement` is re-run with the test feedback when tests fail. @default 3 */
    maxFixAttempts: z.number().int().min(0).max(20).default(3),
    /** Longest time one phase attempt may take. @default 900000 (15 minutes) */
    phaseTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .default(15 * 60_000),
    /**
     * A phase attempt that sends no heartbeat for this long is retried (e.g. its worker died). Heartbeats come from
     * WAVE's runner every second, whatever the command does. @default 4000
     */
    phaseHeartbeatTimeoutMs: z.number().int().min(1000).default(4000),
    /**
     * A phase sent to its domain's host that no worker starts within this long means the host died: the domain moves
     * to another host. @default 2000
     */
    hostTimeoutMs: z.number().int().min(500).default(2000),
    /** How long a run waits for a person's review decision before it ends rejected. @default 86400000 (24 hours) */
    reviewTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .default(24 * 3_600_000),
    /** Retry policy for transient phase failures. */
    retry: PhaseRetrySchema.prefault({}),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;
