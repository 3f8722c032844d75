import type { DomainPlan } from '../../src/model/plan';
import { allotLayer, splitByDependencies } from '../../src/workflow-safe/layer-start';
import { sumUsage } from '../../src/workflow-safe/usage';
import { domainResult } from '../helpers/results';

function planned(name: string, input: Partial<DomainPlan> = {}): DomainPlan {
  return {
    name,
    critical: false,
    layer: 0,
    weight: 1,
    dependsOn: [],
    budget: { tokens: 1000, costUsd: 1 },
    reason: '',
    ...input,
  };
}

describe('dependency splitting', () => {
  test('a domain runs when every dependency succeeded; otherwise it is blocked, naming the ones that did not', () => {
    const layer = [
      planned('ui', { layer: 1, dependsOn: ['api'] }),
      planned('profile', { layer: 1, dependsOn: ['auth', 'api'] }),
      planned('docs', { layer: 1 }),
    ];
    const results = [domainResult({ domain: 'api' }), domainResult({ domain: 'auth', status: 'budget-exceeded' })];
    const { runnable, blocked } = splitByDependencies({ layer, results });
    expect(runnable.map((d) => d.name)).toEqual(['ui', 'docs']);
    expect(blocked.map((b) => [b.domain.name, b.failed])).toEqual([['profile', ['auth']]]);
  });

  test('a dependency that was skipped or cancelled blocks as well', () => {
    const layer = [planned('ui', { dependsOn: ['api', 'data'] })];
    const results = [
      domainResult({ domain: 'api', status: 'skipped' }),
      domainResult({ domain: 'data', status: 'cancelled' }),
    ];
    expect(splitByDependencies({ layer, results }).blocked[0]?.failed).toEqual(['api', 'data']);
  });
});

describe('budget allotment', () => {
  test('the first layer gets its planned shares', () => {
    const layer = [planned('auth'), planned('ui')];
    expect(allotLayer({ planned: layer, results: [], layer }).map((a) => a.budget)).toEqual([
      { tokens: 1000, costUsd: 1 },
      { tokens: 1000, costUsd: 1 },
    ]);
  });

  test('what earlier layers left unused flows to the next layer by weight', () => {
    const first = planned('api');
    const layer = [planned('ui', { layer: 1, weight: 3 }), planned('profile', { layer: 1, weight: 1 })];
    const results = [domainResult({ domain: 'api', budgetUsed: { tokens: 200, costUsd: 0.2 } })];
    const allotted = allotLayer({ planned: [first, ...layer], results, layer });
    // 800 tokens and $0.80 left over, split 3:1.
    expect(allotted.map((a) => [a.domain.name, a.budget])).toEqual([
      ['ui', { tokens: 1600, costUsd: 1.6 }],
      ['profile', { tokens: 1200, costUsd: 1.2 }],
    ]);
  });

  test('an overspent layer passes nothing on, and shares never add up to more than the total', () => {
    const first = planned('api');
    const layer = [planned('ui', { layer: 1 }), planned('profile', { layer: 1 }), planned('data', { layer: 1 })];
    const over = [domainResult({ domain: 'api', budgetUsed: { tokens: 1500, costUsd: 1.5 } })];
    expect(allotLayer({ planned: [first, ...layer], results: over, layer }).map((a) => a.budget.tokens)).toEqual([
      1000, 1000, 1000,
    ]);
    const under = [domainResult({ domain: 'api', budgetUsed: { tokens: 0, costUsd: 0 } })];
    const total = sumUsage(allotLayer({ planned: [first, ...layer], results: under, layer }).map((a) => a.budget));
    expect(total.tokens).toBeLessThanOrEqual(4000);
    expect(total.costUsd).toBeLessThanOrEqual(4);
    expect(total.tokens).toBeGreaterThan(3990);
  });
});
