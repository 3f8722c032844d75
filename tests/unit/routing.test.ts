import { CatalogSchema } from '../../src/model/catalog';
import type { CatalogInput } from '../../src/model/catalog';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import { routeStory } from '../../src/planning/routing';
import {
  catalogRouter,
  compareRouters,
  findMisroutes,
  formatMetricsTable,
  formatMisroutes,
} from '../fixtures/routing-eval';
import { LABELLED_STORIES } from '../fixtures/routing-stories';

function route(text: string) {
  return routeStory({ text, catalog: DEFAULT_CATALOG });
}

function domainsOf(text: string): string[] {
  return route(text).map((match) => match.domain);
}

function reasonFor(text: string, domain: string): string | undefined {
  return route(text).find((match) => match.domain === domain)?.reason;
}

describe('routeStory', () => {
  it('routes plurals and inflections to the base keyword and says which word matched', () => {
    expect(domainsOf('Automatically issue refunds for cancelled orders')).toEqual(['payments']);
    expect(reasonFor('Automatically issue refunds for cancelled orders', 'payments')).toContain('"refunds" (refund)');
    expect(domainsOf('Users who logged in yesterday')).toEqual(['auth']);
    expect(domainsOf('Speed up the slow queries with a new index')).toEqual(['data']);
  });

  it.each([
    ['Support SAML single sign-on for enterprise tenants', 'auth'],
    ['Require 2FA for all admin accounts', 'auth'],
    ['Send weekly payouts to marketplace sellers', 'payments'],
    ['Email a PDF receipt after every order', 'payments'],
    ['Charge VAT to EU customers', 'payments'],
    ['Let users upload and crop avatars', 'profile'],
    ['Backfill the new country column', 'data'],
    ['Add screen reader labels to every icon', 'ui'],
  ])('routes the synonym story %p to %s', (text, domain) => {
    expect(domainsOf(text)).toEqual([domain]);
  });

  it.each([
    'Rotate the deploy token used by the CI pipeline',
    'Compare the price of two CI providers and pick one',
    'Triage the backlog of feature requests from the community forum',
    "Retrain the churn prediction model on last quarter's numbers",
    'Add a table of contents to the contributor guide',
    'Apply the new brand style guide to the pitch deck',
  ])('does not route %p on generic words alone', (text) => {
    expect(route(text)).toEqual([]);
  });

  it('counts a generic word when the domain has other evidence, and names it in the reason', () => {
    const reason = reasonFor('Show the price breakdown at checkout', 'payments');
    expect(reason).toBe('matched "checkout"; supported by "price"');
    const withGeneric = route('Show the price breakdown at checkout')[0]?.score ?? 0;
    const withoutGeneric = route('Show the breakdown at checkout')[0]?.score ?? 0;
    expect(withGeneric).toBeGreaterThan(withoutGeneric);
  });

  it('matches phrases across punctuation, case and articles, each as one piece of evidence', () => {
    expect(reasonFor('Show plan status in Account Settings', 'profile')).toBe('matched "Account Settings"');
    expect(reasonFor('Let users delete their account', 'profile')).toBe('matched "delete their account"');
    expect(reasonFor('Add a Sign-In button', 'auth')).toBe('matched "Sign-In"');
    expect(reasonFor('Users signing in twice', 'auth')).toBe('matched "signing in" (sign in)');
    expect(domainsOf('Save a credit card for later')).toEqual(['payments']);
  });

  it('is word-bounded: a keyword inside a longer word does not match', () => {
    expect(route('Fix the rapid prototyping workflow')).toEqual([]); // "api", "pi"
    expect(route('Let them pick a colour')).toEqual([]); // "them" is not "theme"
  });

  it('returns several domains ordered by score, then name, the same way every time', () => {
    const text = 'Add a webhook endpoint that handles Stripe payment events';
    const first = route(text);
    expect(first.map((match) => [match.domain, match.score])).toEqual([
      ['api', 2],
      ['payments', 2],
    ]);
    expect(route(text)).toEqual(first);
    expect(domainsOf('Store refunds in a new database table and expose them through the API')).toEqual([
      'data',
      'api',
      'payments',
    ]);
  });

  it('returns an empty list when nothing routes', () => {
    expect(route('')).toEqual([]);
    expect(route('Update Node to version 22 in CI')).toEqual([]);
  });

  it('routes with a team catalog written in list form and honours minScore', () => {
    const catalog = CatalogSchema.parse({
      domains: [
        { name: 'search', keywords: ['elasticsearch', 'full-text search'], generic: ['ranking'] },
        { name: 'ml', keywords: { embedding: 0.5, 'vector store': 1 }, minScore: 1.5 },
      ],
    } satisfies CatalogInput);
    expect(routeStory({ text: 'Improve ranking of full text search results', catalog })).toEqual([
      { domain: 'search', score: 1.5, reason: 'matched "full text search" (full-text search); supported by "ranking"' },
    ]);
    expect(routeStory({ text: 'Store embeddings in a vector store', catalog }).map((m) => m.domain)).toEqual(['ml']);
    expect(routeStory({ text: 'Store embeddings somewhere', catalog })).toEqual([]);
  });
});

describe('routing evaluation over the labelled stories', () => {
  const { ours, seed } = compareRouters(LABELLED_STORIES);

  beforeAll(() => {
    const misroutes = formatMisroutes(findMisroutes(catalogRouter, LABELLED_STORIES));
    console.log(
      `${LABELLED_STORIES.length} labelled stories\n${formatMetricsTable([
        { name: 'catalog router', metrics: ours },
        { name: 'seed keywords', metrics: seed },
      ])}\n\ncatalog router misroutes:\n${misroutes || '(none)'}`,
    );
  });

  it('has enough varied stories, including some that route nowhere', () => {
    expect(LABELLED_STORIES.length).toBeGreaterThanOrEqual(45);
    expect(LABELLED_STORIES.filter((story) => story.domains.length === 0).length).toBeGreaterThanOrEqual(3);
    expect(LABELLED_STORIES.filter((story) => story.domains.length > 1).length).toBeGreaterThanOrEqual(10);
  });

  it('reaches precision and recall of at least 0.9', () => {
    expect(ours.precision).toBeGreaterThanOrEqual(0.9);
    expect(ours.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('beats the seed keyword router on F1 and exact matches', () => {
    expect(ours.f1).toBeGreaterThan(seed.f1);
    expect(ours.exactMatch).toBeGreaterThan(seed.exactMatch);
  });
});

describe('CatalogSchema', () => {
  function issuesOf(input: unknown): string[] {
    const result = CatalogSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  }

  it('rejects duplicate domain names, naming the domain', () => {
    expect(issuesOf({ domains: [{ name: 'auth' }, { name: 'ui' }, { name: 'auth' }] })).toEqual([
      'duplicate domain "auth"',
    ]);
  });

  it('rejects dependencies on unknown domains or on the domain itself, naming both', () => {
    expect(issuesOf({ domains: [{ name: 'ui', dependsOn: ['api'] }] })).toEqual([
      'domain "ui" depends on unknown domain "api"',
    ]);
    expect(issuesOf({ domains: [{ name: 'ui', dependsOn: ['ui'] }] })).toEqual(['domain "ui" depends on itself']);
  });

  it('rejects bad names, weights and unknown fields', () => {
    expect(issuesOf({ domains: [{ name: 'Auth' }] })).toHaveLength(1);
    expect(issuesOf({ domains: [{ name: 'auth', weight: 0 }] })).toHaveLength(1);
    expect(issuesOf({ domains: [{ name: 'auth', keywords: { login: -1 } }] })).toHaveLength(1);
    expect(issuesOf({ domains: [{ name: 'auth', keyword: ['login'] }] })).toHaveLength(1);
    expect(issuesOf({ domains: [] })).toHaveLength(1);
  });

  it('applies defaults and keeps the default catalog valid and JSON-serialisable', () => {
    expect(CatalogSchema.parse({ domains: [{ name: 'docs', keywords: ['readme'] }] }).domains[0]).toEqual({
      name: 'docs',
      critical: false,
      weight: 1,
      dependsOn: [],
      keywords: { readme: 1 },
      generic: {},
      exclude: [],
      minScore: 1,
    });
    expect(CatalogSchema.parse(JSON.parse(JSON.stringify(DEFAULT_CATALOG)))).toEqual(DEFAULT_CATALOG);
    expect(DEFAULT_CATALOG.domains.map((d) => d.name)).toEqual(['auth', 'payments', 'profile', 'api', 'ui', 'data']);
    expect(DEFAULT_CATALOG.domains.filter((d) => d.critical).map((d) => d.name)).toEqual(['auth', 'payments', 'data']);
  });
});
