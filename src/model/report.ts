import { z } from 'zod';
import { UsageSchema } from './budget';
import { MergeResultSchema } from './merge';
import { DomainResultSchema, TestCountsSchema } from './results';

/** How a run ended, as the partial-failure policy judged it. */
export const OUTCOMES = ['succeeded', 'partial', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const FileEntrySchema = z.object({
  path: z.string(),
  /** The first domain (in plan order) that touched the file. */
  owner: z.string(),
  domains: z.array(z.string()),
});
export type FileEntry = z.infer<typeof FileEntrySchema>;

/** How the run's review ended: the merge gate's verdict, a person's decision, or the review timeout. */
export const MergeReviewSchema = z.object({
  decision: z.enum(['approved', 'rejected', 'escalated']),
  /** `auto-gate`, `timeout`, or the person who decided. */
  by: z.string(),
  reason: z.string(),
  comment: z.string().optional(),
});
export type MergeReview = z.infer<typeof MergeReviewSchema>;

/** What the `onApproved` command of the worker that ran it did. */
export const ApprovalHookSchema = z.object({
  command: z.string(),
  passed: z.boolean(),
  exitCode: z.number().nullable(),
  tail: z.string(),
});
export type ApprovalHook = z.infer<typeof ApprovalHookSchema>;

/** What a run produced: the result of `storyWorkflow`. */
export const RunReportSchema = z.object({
  storyId: z.string(),
  title: z.string(),
  outcome: z.enum(OUTCOMES),
  /** True when the policy stopped the run (a critical failure, or more failures than tolerated). */
  halted: z.boolean(),
  reason: z.string().optional(),
  executor: z.string(),
  simulated: z.boolean(),
  domains: z.array(DomainResultSchema),
  filesByDomain: z.record(z.string(), z.array(z.string())),
  aggregatedFiles: z.array(FileEntrySchema),
  /** Files touched by more than one domain. */
  overlaps: z.array(FileEntrySchema),
  tests: TestCountsSchema,
  allTestsPassed: z.boolean(),
  budget: z.object({
    allotted: UsageSchema,
    used: UsageSchema,
    perDomain: z.array(z.object({ domain: z.string(), allotted: UsageSchema, used: UsageSchema })),
    /** Domains whose dollars are partly estimated: priced from token counts because the agent CLI reported none. */
    estimatedCost: z.array(z.string()).optional(),
  }),
  failedDomains: z.array(z.string()),
  review: MergeReviewSchema,
  /**
   * Set when the report was too large to travel through workflow history: the per-domain lists (phases, files,
   * per-domain budgets) are left empty here, and readers rebuild them from the domains' child workflows. `path` is
   * where runs of earlier versions stored the full report on a worker.
   */
  fullReport: z.object({ bytes: z.number().int(), path: z.string().optional() }).optional(),
  /** The integration merge and its tests (runs that change a real repository). */
  merge: MergeResultSchema.optional(),
  /** The configured `onApproved` command, once the run was approved. */
  onApproved: ApprovalHookSchema.optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().min(0),
});
export type RunReport = z.infer<typeof RunReportSchema>;

/** What the aggregate step builds: the report before its review is decided. */
export const AggregatedReportSchema = RunReportSchema.omit({ review: true });
export type AggregatedReport = z.infer<typeof AggregatedReportSchema>;
