import type { StoryPlan } from '../model/plan';
import type { AggregatedReport, FileEntry } from '../model/report';
import type { DomainResult } from '../model/results';
import { isFailure } from '../workflow-safe/domain-status';
import type { Verdict } from '../workflow-safe/policy-verdict';
import { sumUsage } from '../workflow-safe/usage';

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

/**
 * Merges the domains' results into the run report (files by owner, overlaps, test and budget totals, failures). The
 * review is not decided here: the story workflow's merge gate does that.
 */
export function buildReport(input: ReportInput): AggregatedReport {
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
  return {
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
}

function mergeFiles(domains: DomainResult[]): FileEntry[] {
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
