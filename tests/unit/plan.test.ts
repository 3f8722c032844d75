import type { StoryRequestInput } from '../../src/model/story-request';
import { StoryRequestSchema } from '../../src/model/story-request';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import { planStory } from '../../src/planning/plan-story';

function plan(input: StoryRequestInput) {
  return planStory({ request: StoryRequestSchema.parse(input), storyId: 's1', catalog: DEFAULT_CATALOG });
}

describe('supervisor planning', () => {
  test('routes a story, marks critical domains and says why', () => {
    const result = plan({ title: 'Add Google login and Stripe checkout' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const names = result.value.domains.map((d) => d.name).sort();
    expect(names).toEqual(['auth', 'payments']);
    expect(result.value.domains.every((d) => d.critical)).toBe(true);
    expect(result.value.domains.find((d) => d.name === 'payments')?.reason).toMatch(/stripe/i);
    expect(result.value.layers).toEqual([result.value.domains.map((d) => d.name)]);
  });

  test('splits the budget by catalog weight without exceeding the total', () => {
    const result = plan({ title: 'x', domains: ['auth', 'profile'], budget: { tokens: 20_000, costUsd: 2 } });
    if (!result.ok) throw new Error(result.message);
    const [auth, profile] = result.value.domains;
    expect(auth?.budget.tokens).toBeGreaterThan(profile?.budget.tokens ?? Infinity);
    expect((auth?.budget.tokens ?? 0) + (profile?.budget.tokens ?? 0)).toBeLessThanOrEqual(20_000);
  });

  test('dependencies give layers', () => {
    const result = plan({ title: 'x', domains: ['ui', 'api', 'data'], dependencies: { ui: ['api'], api: ['data'] } });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.layers).toEqual([['data'], ['api'], ['ui']]);
    expect(result.value.domains.find((d) => d.name === 'ui')).toMatchObject({ layer: 2, dependsOn: ['api'] });
  });

  test.each([
    ['a story that routes nowhere', { title: 'Update the copyright notice wording' }, /routes to no domain.*--domains/],
    [
      'an unknown domain',
      { title: 'x', domains: ['auth', 'billing'] },
      /domains: unknown domain "billing" \(known: auth/,
    ],
    [
      'a dependency cycle',
      { title: 'x', domains: ['ui', 'api'], dependencies: { ui: ['api'], api: ['ui'] } },
      /dependencies: cycle (ui → api → ui|api → ui → api)/,
    ],
    [
      'a budget too small to share',
      { title: 'x', domains: ['auth', 'ui'], budget: { tokens: 1 } },
      /budget: too small to give every domain a share/,
    ],
    [
      'a dependency outside the story',
      { title: 'x', domains: ['ui'], dependencies: { ui: ['api'] } },
      /dependencies\.ui: "api" not among the story's domains/,
    ],
  ])('%s is a clear error', (_name, input, message) => {
    const result = plan(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
