import { z } from 'zod';
import { UsageSchema, sumUsage } from './budget';
import { MergeResultSchema } from './merge';
import type { Verdict } from './outcome';
import { OUTCOMES } from './outcome';
import type { StoryPlan } from './plan';
import type { DomainResult } from './results';
import { DomainResultSchema, TestCountsSchema, isFailure } from './results';

export const FileEntrySchema = z.object({
  path: z.string(),
  /** The first domain (in plan order) that touched the file. */
  owner: z.string(),
  domains: z.array(z.string()),
});

/** The merge review decision. */
export const ReviewSchema = z.object({
  decision: z.enum(['approved', 'rejected', 'escalated']),
  /** `auto-gate`, `timeout`, or the person who decided. */
  by: z.string(),
  reason: z.string(),
  comment: z.string().optional(),
});
export type Review = z.infer<typeof ReviewSchema>;

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
  }),
  failedDomains: z.array(z.string()),
  review: ReviewSchema,
  /**
   * Set when the report was too large to travel through workflow history: the full report was written to this
   * file on the worker; here the per-domain lists (phases, files, per-domain budgets) are left empty.
   */
  fullReport: z.object({ path: z.string(), bytes: z.number().int() }).optional(),
  /** The integration merge and its tests (runs that change a real repository). */
  merge: MergeResultSchema.optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().min(0),
});
export type RunReport = z.infer<typeof RunReportSchema>;

/** Everything the aggregate step needs. */
export interface ReportInput {
  plan: StoryPlan;
  results: DomainResult[];
  /**
   * Results passed by reference: the child workflows whose results the aggregate step reads itself (large fan-outs,
   * so that no single payload in history grows with the number of domains).
   */
  childResults?: { domain: string; workflowId: string }[];
  verdict: Verdict;
  executor: string;
  startedAt: string;
  finishedAt: string;
}

/** Merges the domains' results into the run report (files by owner, overlaps, test and budget totals, failures). */
export function buildReport(input: ReportInput): RunReport {
  const order = new Map(input.plan.domains.map((domain, index) => [domain.name, index]));
  const domains = [...input.results].sort((a, b) => (order.get(a.domain) ?? 0) - (order.get(b.domain) ?? 0));
  const aggregatedFiles = mergeFiles(domains);
  const tests = {
    passed: sum(domains.map((d) => d.tests.passed)),
    failed: sum(domains.map((d) => d.tests.failed)),
    skipped: sum(domains.map((d) => d.tests.skipped)),
  };
  const tested = domains.filter((d) => d.tests.passed + d.tests.failed > 0);
  const allTestsPassed = tests.failed === 0 && tested.length > 0 && tested.every((d) => d.testsPassed);
  const report: Omit<RunReport, 'review'> = {
    storyId: input.plan.storyId,
    title: input.plan.title,
    outcome: input.verdict.outcome,
    halted: input.verdict.halted,
    ...(input.verdict.reason ? { reason: input.verdict.reason } : {}),
    executor: input.executor,
    simulated: domains.some((d) => d.phases.some((phase) => phase.simulated)),
    domains,
    filesByDomain: Object.fromEntries(domains.map((d) => [d.domain, d.filesModified])),
    aggregatedFiles,
    overlaps: aggregatedFiles.filter((file) => file.domains.length > 1),
    tests,
    allTestsPassed,
    budget: {
      allotted: { tokens: input.plan.budget.tokens, costUsd: input.plan.budget.costUsd },
      used: sumUsage(domains.map((d) => d.budgetUsed)),
      perDomain: domains.map((d) => ({ domain: d.domain, allotted: d.budgetAllotted, used: d.budgetUsed })),
    },
    failedDomains: domains.filter((d) => isFailure(d.status)).map((d) => d.domain),
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: Math.max(0, Date.parse(input.finishedAt) - Date.parse(input.startedAt)),
  };
  return { ...report, review: autoReview(report) };
}

/**
 * The automatic merge-review gate: approves a run whose domains all succeeded with passing tests, rejects a failed
 * run, and escalates anything in between to a person.
 */
export function autoReview(report: Pick<RunReport, 'outcome' | 'allTestsPassed' | 'overlaps'>): Review {
  if (report.outcome === 'failed') return { decision: 'rejected', by: 'auto-gate', reason: 'the run failed' };
  if (report.outcome === 'partial') {
    return { decision: 'escalated', by: 'auto-gate', reason: 'some domains did not succeed; a person must decide' };
  }
  if (!report.allTestsPassed) return { decision: 'escalated', by: 'auto-gate', reason: 'not every test passed' };
  if (report.overlaps.length > 0) {
    return {
      decision: 'escalated',
      by: 'auto-gate',
      reason: `${report.overlaps.length} file(s) changed by several domains`,
    };
  }
  return { decision: 'approved', by: 'auto-gate', reason: 'every domain succeeded and every test passed' };
}

function mergeFiles(domains: DomainResult[]): z.infer<typeof FileEntrySchema>[] {
  const byPath = new Map<string, string[]>();
  for (const domain of domains) {
    for (const path of domain.filesModified) {
      const owners = byPath.get(path) ?? [];
      if (!owners.includes(domain.domain)) owners.push(domain.domain);
      byPath.set(path, owners);
    }
  }
  return [...byPath.entries()]
    .map(([path, owners]) => ({ path, owner: owners[0] as string, domains: owners }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export { gateDecision } from './gate';
export type { GateVerdict } from './gate';
