import type { StoryPlan } from '../model/plan';
import type { DomainProgress, StoryProgress } from '../model/progress';
import type { DomainResult } from '../model/results';
import type { StoryContext } from '../model/story-context';
import type { StoryRequest } from '../model/story-request';
import { domainErrorText } from '../workflow-safe/domain-error';
import type { Verdict } from '../workflow-safe/policy-verdict';
import { evaluatePolicy } from '../workflow-safe/policy-verdict';
import type { RunVisibility } from './visibility';

/** The state of one story run while its layers run, read by the `progress` query. */
export interface StoryRun {
  request: StoryRequest;
  /** What every domain and phase is told about the story. */
  story: StoryContext;
  plan: StoryPlan;
  progress: StoryProgress;
  visibility: RunVisibility;
  results: DomainResult[];
  /** Domains whose result is their child workflow's own result. */
  fromChild: Set<string>;
  deadline?: number;
  /** The policy's verdict on the results recorded so far. */
  verdict: Verdict;
}

/**
 * Records finished (or never started) domains and evaluates the policy on every result so far: the one place where
 * the run's verdict changes. `judge: false` records domains skipped because the run had already halted: they are the
 * verdict's consequence, not new evidence.
 */
export function record(run: StoryRun, results: DomainResult[], options: { judge: boolean } = { judge: true }): void {
  for (const result of results) {
    run.results.push(result);
    setStatus(run, result.domain, result.status, result);
    run.visibility.domainFinished(result);
  }
  if (results.length === 0) return;
  if (options.judge) {
    run.verdict = evaluatePolicy({
      results: run.results,
      policy: run.request.policy,
      plannedDomains: run.plan.domains.length,
    });
  }
  run.visibility.publish();
}

/** A domain's row in the progress table; with its result once it finished. */
export function setStatus(run: StoryRun, name: string, status: DomainProgress['status'], result?: DomainResult): void {
  const row = run.progress.domains.find((d) => d.name === name);
  if (!row) return;
  row.status = status;
  if (result) {
    row.budgetUsed = result.budgetUsed;
    row.phasesDone = result.phases.length;
    if (result.error) row.error = domainErrorText(result);
  }
}
