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
    ...domainLists(domains),
    tests,
    allTestsPassed,
    budget: {
      allotted: { tokens: input.plan.budget.tokens, costUsd: input.plan.budget.costUsd },
      used: sumUsage(domains.map((d) => d.budgetUsed)),
      perDomain: perDomainBudget(domains),
      ...estimatedCost(domains),
    },
    failedDomains: domains.filter((d) => isFailure(d.status)).map((d) => d.domain),
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    durationMs: Math.max(0, Date.parse(input.finishedAt) - Date.parse(input.startedAt)),
  };
}

/** The lists of a report that grow with its domains: files by domain, every file with its owner, and overlaps. */
export function domainLists(
  domains: DomainResult[],
): Pick<AggregatedReport, 'filesByDomain' | 'aggregatedFiles' | 'overlaps'> {
  const aggregatedFiles = mergeFiles(domains);
  return {
    filesByDomain: Object.fromEntries(domains.map((d) => [d.domain, d.filesModified])),
    aggregatedFiles,
    overlaps: aggregatedFiles.filter((file) => file.domains.length > 1),
  };
}

/** The domains with a phase whose cost was priced from tokens, when there are any. */
function estimatedCost(domains: DomainResult[]): { estimatedCost?: string[] } {
  const names = domains.filter((d) => d.phases.some((phase) => phase.costEstimated)).map((d) => d.domain);
  return names.length ? { estimatedCost: names } : {};
}

function perDomainBudget(domains: DomainResult[]): AggregatedReport['budget']['perDomain'] {
  return domains.map((d) => ({ domain: d.domain, allotted: d.budgetAllotted, used: d.budgetUsed }));
}

/** How many overlaps a slim report keeps. */
const SLIM_OVERLAPS = 100;

/**
 * What travels through history when the full report is too large: the verdict, the totals and every domain's status,
 * without the lists that grow with the number of domains (phases, files, per-domain budgets).
 */
export function slimReport(input: { report: AggregatedReport; bytes: number }): AggregatedReport {
  const { report } = input;
  return {
    ...report,
    domains: report.domains.map((domain) => ({ ...domain, filesModified: [], phases: [] })),
    filesByDomain: {},
    aggregatedFiles: [],
    overlaps: report.overlaps.slice(0, SLIM_OVERLAPS),
    budget: { ...report.budget, perDomain: [] },
    fullReport: { bytes: input.bytes },
  };
}

/**
 * A slim report made whole again from its domains' own results: the inverse of {@link slimReport}. A domain whose
 * result is missing keeps its slim entry; `fullReport` stays when one that ran (not `skipped`) is missing, so that
 * readers know the lists are incomplete.
 */
export function completeReport<R extends AggregatedReport>(input: { report: R; results: DomainResult[] }): R {
  const byDomain = new Map(input.results.map((result) => [result.domain, result]));
  const domains = input.report.domains.map((slim) => byDomain.get(slim.domain) ?? slim);
  const { fullReport, ...rest } = input.report;
  const whole = domains.every((d) => byDomain.has(d.domain) || d.status === 'skipped');
  return {
    ...rest,
    domains,
    ...domainLists(domains),
    budget: { ...input.report.budget, perDomain: perDomainBudget(domains) },
    ...(whole || !fullReport ? {} : { fullReport }),
  } as R;
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
