import type { Usage } from '../model/budget';
import type { DomainPlan } from '../model/plan';
import type { DomainResult } from '../model/results';
import { ZERO_USAGE, addUsage, remaining, splitByWeight, sumUsage } from './usage';

/** A domain ready to start, with the budget it gets. */
export interface Allotted {
  domain: DomainPlan;
  budget: Usage;
}

/** A layer's domains whose dependencies all succeeded, and the others with the dependencies that did not. */
export function splitByDependencies(input: { layer: DomainPlan[]; results: DomainResult[] }): {
  runnable: DomainPlan[];
  blocked: { domain: DomainPlan; failed: string[] }[];
} {
  const status = new Map(input.results.map((r) => [r.domain, r.status]));
  const runnable: DomainPlan[] = [];
  const blocked: { domain: DomainPlan; failed: string[] }[] = [];
  for (const domain of input.layer) {
    const failed = domain.dependsOn.filter((dep) => status.get(dep) !== 'succeeded');
    if (failed.length === 0) runnable.push(domain);
    else blocked.push({ domain, failed });
  }
  return { runnable, blocked };
}

/**
 * A layer's budget: each domain's planned share plus, by weight, what the finished domains left of their planned
 * shares. Shares are rounded down, so the run never hands out more than its total.
 */
export function allotLayer(input: { planned: DomainPlan[]; results: DomainResult[]; layer: DomainPlan[] }): Allotted[] {
  const finished = new Set(input.results.map((r) => r.domain));
  const carry = remaining({
    allotted: sumUsage(input.planned.filter((d) => finished.has(d.name)).map((d) => d.budget)),
    used: sumUsage(input.results.map((r) => r.budgetUsed)),
  });
  const extra = splitByWeight({ total: carry, parts: input.layer.map((d) => ({ name: d.name, weight: d.weight })) });
  return input.layer.map((domain) => ({
    domain,
    budget: addUsage(domain.budget, extra.get(domain.name) ?? ZERO_USAGE),
  }));
}
