import { CatalogSchema } from '../../src/model/catalog';
import type { CatalogInput } from '../../src/model/catalog';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import type { LearnedModel } from '../../src/planning/learned-model';
import { routeStory } from '../../src/planning/routing';
import { routeStoryWithModel } from '../../src/planning/story-router';
import {
  catalogRouter,
  compareRouters,
  findMisroutes,
  formatMetricsTable,
  formatMisroutes,
} from '../fixtures/routing-eval';
import type { LabelledStory } from '../fixtures/routing-eval';
import { FIRST_HELD_OUT_STORIES } from '../fixtures/routing-heldout-1';
import { TENTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-10';
import { HELD_OUT_STORIES } from '../fixtures/routing-heldout-2';
import { THIRD_HELD_OUT_STORIES } from '../fixtures/routing-heldout-3';
import { FOURTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-4';
import { FIFTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-5';
import { SIXTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-6';
import { SEVENTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-7';
import { EIGHTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-8';
import { NINTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-9';
import { LABELLED_STORIES } from '../fixtures/routing-stories';
import { TUNING_STORIES } from '../fixtures/routing-tuning';

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

  it.each([
    ['Add a slide-out filter drawer to the orders list', ['ui']],
    ['Show a cookie consent banner to first-time visitors', ['ui']],
    ['Add a bottom sheet for choosing a payment method on mobile', ['payments', 'ui']],
    ['Redesign the checkout screen so the order total stays visible', ['payments', 'ui']],
    ['Apply a promo code in the cart and show the new total', ['payments', 'ui']],
    ['Let users change their password from a new Security tab in settings', ['auth', 'profile', 'ui']],
  ])('sees a ui surface named without "page" or "component": %p', (text, domains) => {
    expect([...domainsOf(text)].sort()).toEqual(domains);
  });

  it.each([
    ['Keep people signed in for 30 days when they tick "remember me"', ['auth']],
    ['Invite teammates by email and let them join the workspace from the link', ['auth']],
    ['Let guests check out without creating an account', ['auth', 'payments']],
    ['Only admins can export the member list as CSV', ['auth', 'data']],
    ['Sessions should last 12 hours on trusted devices', ['auth']],
  ])('sees auth implied by sessions, sign-up, invites or who may act: %p', (text, domains) => {
    expect([...domainsOf(text)].sort()).toEqual(domains);
  });

  it.each([
    ['Let users add a phone number to their account', ['profile']],
    ["Remember each user's preferred language across devices", ['profile']],
    ['Let users save several shipping addresses and choose a default one', ['profile']],
    ['As a user, I want to delete my account', ['profile']],
    ['Ask for the current password before someone changes their email address', ['auth', 'profile']],
  ])('sees profile implied by account data: %p', (text, domains) => {
    expect([...domainsOf(text)].sort()).toEqual(domains);
  });

  it.each([
    ['Email customers three days before their trial ends', ['payments']],
    ['Let teams buy extra seats from the admin console', ['payments', 'ui']],
    ['Let partners pull order status into their own systems', ['api']],
    ['Post new support tickets to a Slack channel through an integration', ['api']],
    ['Let third-party apps subscribe to events when a document changes', ['api']],
    ['Keep deleted projects for 30 days before purging them for good', ['data']],
    ['Merge duplicate customer records that share an email address', ['data']],
    ['Build a monthly revenue report for the finance team', ['data', 'payments']],
    ['Keep a history of who changed the billing details and when', ['data', 'payments']],
  ])('sees payments, api and data implied by plans, partners, reports and retention: %p', (text, domains) => {
    expect([...domainsOf(text)].sort()).toEqual(domains);
  });

  it.each([
    'Schedule a user-research session with five enterprise customers',
    'Hold a design review session for the new onboarding flow',
    'Move the weekly planning meeting to Thursdays',
    'Invite the design team to the retro',
    "Spread the team's on-call rota across time zones",
    'Deactivated members must lose access immediately, even in open tabs',
  ])('does not take another sense of a domain word as evidence: %p', (text) => {
    const domains = domainsOf(text);
    expect(domains.filter((domain) => domain !== 'auth')).toEqual([]);
  });

  it.each([
    ['Write an on-call runbook for when the payment provider has an outage'],
    ['Update the README with the steps for running the database locally'],
    ['Add an index of terms to the back of the developer handbook'],
    ['Write a post-mortem on the checkout outage'],
    ['Record a short video of the new billing dashboard for the sales team'],
    ['Hire two backend engineers for the payments team'],
  ])('routes a chore outside the product nowhere, whatever it mentions: %p', (text) => {
    expect(route(text)).toEqual([]);
  });

  it.each([
    ['Responsive layout for the invoice page', ['ui']],
    ['The "Forgot password?" link on the login page is misaligned on tablets', ['ui']],
    ['Fix the colour contrast of the checkout form for accessibility', ['ui']],
    ['Change the checkout button copy from "Buy now" to "Place order"', ['ui']],
    ['Restyle the settings screen with the new design tokens', ['ui']],
    ['Restyle the checkout page and add Apple Pay to it', ['payments', 'ui']],
    ['Add a Sign-In button to the header', ['auth', 'ui']],
  ])('in a presentation-only story, a keyword that only names the surface is not evidence: %p', (text, domains) => {
    expect([...domainsOf(text)].sort()).toEqual(domains);
  });

  it.each([
    ['Only workspace admins can delete a project', ['auth']],
    ['Only billing admins should be able to see invoices', ['auth', 'payments']],
    ['Doctors can only view records of patients assigned to them', ['auth']],
    // A personal API key is a credential: auth work, and api work only when the story also calls the API.
    ['Let users create and revoke personal API keys', ['auth']],
    ['Personal API keys that call the public API', ['api', 'auth']],
    ['Schools buy student seats in bulk and hand them out by email invite', ['auth', 'payments']],
    ["Show the user's avatar in the top bar after they sign in", ['profile', 'ui']],
    ['Waitlist sign-up form on the launch page', ['ui']],
  ])('sees roles in "only … admins can", owned API keys and invites, not sign-in as a time: %p', (text, domains) => {
    expect([...domainsOf(text)].sort()).toEqual(domains);
  });

  it.each([
    ['Return 422 with field-level errors instead of a generic 400', ['api']],
    ['The iOS app needs a single call that returns the whole itinerary', ['api']],
    ["Notify the clinic's scheduling system whenever an appointment moves", ['api']],
    ['Tip slider on the ride summary screen before the fare is charged', ['payments', 'ui']],
    ['Bill workspaces per active member each month', ['payments']],
    ['Let riders split the fare with friends', ['payments']],
    ['Daily job that reconciles payouts against the bank settlement file', ['data', 'payments']],
    ['Every step of the onboarding flow should emit analytics events that land in the warehouse', ['data', 'ui']],
    ['Let customers add a VAT number to their account', ['payments', 'profile']],
    ['Add a custom branding section to the workspace settings', []],
  ])(
    'sees status codes, app calls, other systems, tips, fares, reconciliation and account data: %p',
    (text, domains) => {
      expect([...domainsOf(text)].sort()).toEqual(domains);
    },
  );

  it('lets a "*" in a phrase stand for at most one word and names the phrase in the reason', () => {
    const catalog = CatalogSchema.parse({ domains: [{ name: 'teams', keywords: ['only * admins'] }] });
    const routeWith = (text: string) => routeStory({ text, catalog });
    expect(routeWith('Only admins can archive')[0]?.reason).toBe('matched "Only admins" (only * admins)');
    expect(routeWith('Only billing admins can archive')[0]?.reason).toBe(
      'matched "Only billing admins" (only * admins)',
    );
    expect(routeWith('Only the billing team admins can archive')).toEqual([]);
  });

  it("honours a team catalog's chores, surfaces and presentation words, and ignores them when absent", () => {
    const domains = [
      { name: 'auth', keywords: ['login'] },
      { name: 'ui', keywords: ['layout', 'page'] },
    ];
    const plain = CatalogSchema.parse({ domains });
    const full = CatalogSchema.parse({ domains, chores: ['runbook'], surfaces: ['page'], presentation: ['layout'] });
    const domainsWith = (catalog: typeof plain, text: string) =>
      routeStory({ text, catalog }).map((match) => match.domain);
    expect(domainsWith(plain, 'Fix the layout of the login page')).toEqual(['ui', 'auth']);
    expect(domainsWith(full, 'Fix the layout of the login page')).toEqual(['ui']);
    expect(domainsWith(full, 'Add a login page')).toEqual(['auth', 'ui']);
    expect(domainsWith(plain, 'Write a runbook for login outages')).toEqual(['auth']);
    expect(domainsWith(full, 'Write a runbook for login outages')).toEqual([]);
  });

  it('reads a keyword before a team catalog\'s record word, or after "<record> of", as support only', () => {
    const domains = [
      { name: 'billing', keywords: ['payout', 'pay'] },
      { name: 'store', keywords: ['migration', 'export'], generic: ['table'] },
    ];
    const plain = CatalogSchema.parse({ domains });
    const full = CatalogSchema.parse({ domains, records: ['table', 'export'] });
    const domainsWith = (catalog: typeof plain, text: string) =>
      routeStory({ text, catalog }).map((match) => match.domain);
    expect(domainsWith(plain, 'A migration for the payouts table')).toEqual(['store', 'billing']);
    expect(domainsWith(full, 'A migration for the payouts table')).toEqual(['store']);
    expect(domainsWith(full, 'A weekly export of payouts')).toEqual(['store']);
    expect(routeStory({ text: 'Add a payouts table and pay sellers weekly', catalog: full })[0]).toEqual({
      domain: 'billing',
      score: 2,
      reason: 'matched "pay"; supported by "payouts" (payout)',
    });
  });

  it('reads data about a domain as context in the default catalog: tables, events, per-day counts, repos', () => {
    expect(domainsOf('Create a database migration adding a status column to the payouts table')).toEqual(['data']);
    expect(domainsOf('Log every signup event in the warehouse')).toEqual(['data']);
    expect(domainsOf('A dashboard chart of API calls per day from the request log table')).toEqual(['data', 'ui']);
    expect(domainsOf('Archive the old billing repo')).toEqual(['data']);
    expect(domainsOf('Send webhook events to partners')).toEqual(['api']);
    expect(domainsOf('Charge $10 per seat per month')).toEqual(['payments']);
  });

  it('matches nothing inside identifiers, URL paths and amounts, and reads "APIs" as a plural', () => {
    expect(domainsOf('Track checkout_started events in the warehouse')).toEqual(['data']);
    expect(domainsOf('Cursor-based pagination for GET /v1/transactions')).toEqual(['api']);
    expect(domainsOf('Refunds over $500 need a second look')).toEqual(['payments']);
    expect(reasonFor("Call the carriers' rate APIs", 'api')).toBe('matched "APIs" (api)');
    expect(route('Write an analysis of the basis')).toEqual([]);
  });

  it('drops determiners and the possessive "s" inside phrases, and lets a one-word exclude beat a keyword', () => {
    const catalog = CatalogSchema.parse({
      domains: [
        { name: 'teams', keywords: ['workspace owner', 'revoke session'] },
        { name: 'billing', keywords: ['plan'], exclude: ['planning'] },
      ],
    } satisfies CatalogInput);
    const routeWith = (text: string) => routeStory({ text, catalog });
    expect(routeWith("Change the workspace's owner")[0]?.reason).toBe('matched "workspace\'s owner"');
    expect(routeWith('Revoke every session at once')[0]?.reason).toBe('matched "Revoke every session"');
    expect(routeWith('Upgrade the plan').map((match) => match.domain)).toEqual(['billing']);
    expect(routeWith('Sprint planning notes')).toEqual([]);
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
      ['api', 2.2],
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

/**
 * Floors per set, at what the built-in router (vocabulary and learned model) reaches, rounded down: the sets it was
 * tuned or trained on high, the ninth and tenth held-out sets — never tuned or trained on — at their first
 * measurement, above the F1 0.95 and recall 0.93 aimed at (see docs/development.md).
 */
interface Floors {
  f1: number;
  recall: number;
  precision: number;
}

describe.each<[string, readonly LabelledStory[], Floors]>([
  ['original', LABELLED_STORIES, { f1: 0.98, recall: 0.99, precision: 0.96 }],
  ['tuning', TUNING_STORIES, { f1: 0.97, recall: 0.96, precision: 0.97 }],
  // Evaluated once as held-out, then a development set for the vocabulary; the model was not trained on it. Its labels
  // use a looser ui rule (capability stories such as "Add Google login" are labelled ui), which the router does not
  // follow, hence lower floors.
  ['first held-out (development)', FIRST_HELD_OUT_STORIES, { f1: 0.94, recall: 0.91, precision: 0.97 }],
  ['second held-out (development, trained on)', HELD_OUT_STORIES, { f1: 0.98, recall: 0.99, precision: 0.96 }],
  ['third held-out (trained on)', THIRD_HELD_OUT_STORIES, { f1: 0.98, recall: 0.99, precision: 0.96 }],
  [
    'fourth held-out (trained on after its first look)',
    FOURTH_HELD_OUT_STORIES,
    { f1: 0.96, recall: 0.98, precision: 0.95 },
  ],
  [
    'fifth held-out (trained on after its first look)',
    FIFTH_HELD_OUT_STORIES,
    { f1: 0.97, recall: 0.99, precision: 0.95 },
  ],
  [
    'sixth held-out (trained on after its first look)',
    SIXTH_HELD_OUT_STORIES,
    { f1: 0.98, recall: 0.99, precision: 0.97 },
  ],
  [
    'seventh held-out (trained on after its first look)',
    SEVENTH_HELD_OUT_STORIES,
    { f1: 0.97, recall: 0.98, precision: 0.97 },
  ],
  [
    'eighth held-out (trained on after its first look)',
    EIGHTH_HELD_OUT_STORIES,
    { f1: 0.97, recall: 0.98, precision: 0.96 },
  ],
  ['ninth held-out (never tuned or trained on)', NINTH_HELD_OUT_STORIES, { f1: 0.96, recall: 0.96, precision: 0.96 }],
  ['tenth held-out (never tuned or trained on)', TENTH_HELD_OUT_STORIES, { f1: 0.98, recall: 0.98, precision: 0.97 }],
])('routing evaluation over the %s labelled stories', (name, stories, floors) => {
  const { ours, vocabulary, seed } = compareRouters(stories);

  beforeAll(() => {
    const misroutes = formatMisroutes(findMisroutes(catalogRouter, stories));
    console.log(
      `${stories.length} ${name} labelled stories\n${formatMetricsTable([
        { name: 'built-in router', metrics: ours },
        { name: 'vocabulary only', metrics: vocabulary },
        { name: 'seed keywords', metrics: seed },
      ])}\n\nbuilt-in router misroutes:\n${misroutes || '(none)'}`,
    );
  });

  it('has enough varied stories, including some that route nowhere', () => {
    expect(stories.length).toBeGreaterThanOrEqual(45);
    expect(stories.filter((story) => story.domains.length === 0).length).toBeGreaterThanOrEqual(3);
    expect(stories.filter((story) => story.domains.length > 1).length).toBeGreaterThanOrEqual(10);
  });

  it(`reaches F1 ≥ ${floors.f1}, recall ≥ ${floors.recall} and precision ≥ ${floors.precision}`, () => {
    expect(ours.f1).toBeGreaterThanOrEqual(floors.f1);
    expect(ours.recall).toBeGreaterThanOrEqual(floors.recall);
    expect(ours.precision).toBeGreaterThanOrEqual(floors.precision);
  });

  it('beats the seed keyword router on F1 and exact matches', () => {
    expect(ours.f1).toBeGreaterThan(seed.f1);
    expect(ours.exactMatch).toBeGreaterThan(seed.exactMatch);
  });
});

describe('the learned model', () => {
  it('routes what the vocabulary misses on stories it never saw, and says why', () => {
    const unseen = compareRouters(NINTH_HELD_OUT_STORIES);
    expect(unseen.ours.f1).toBeGreaterThan(unseen.vocabulary.f1);
    // A story of the ninth held-out set that the vocabulary alone does not route to profile.
    const text = 'Patients can save a preferred pharmacy as their default pickup location.';
    expect(routeStory({ text, catalog: DEFAULT_CATALOG }).map((m) => m.domain)).not.toContain('profile');
    const match = routeStoryWithModel({ text, catalog: DEFAULT_CATALOG });
    expect(match.map((m) => m.domain)).toContain('profile');
    expect(match.find((m) => m.domain === 'profile')?.reason).toMatch(/^model 0\.\d\d \(".+"\)$/);
  });

  it('reads a chore missing from the catalog chore list as no product work, on a story it never saw', () => {
    // A story of the tenth held-out set: the vocabulary routes it to auth for its "login".
    const text = 'CI: e2e test for the login flow is flaky on the arm64 runners. quarantine it + open a follow-up';
    expect(routeStory({ text, catalog: DEFAULT_CATALOG }).map((m) => m.domain)).toEqual(['auth']);
    expect(routeStoryWithModel({ text, catalog: DEFAULT_CATALOG })).toEqual([]);
  });

  it('routes nowhere when its no-product-work head reads the story as a chore, whatever domain words it has', () => {
    const model: LearnedModel = {
      trainedOn: 'a test',
      threshold: 0.5,
      domains: { payments: { bias: -2, weights: { 'w:checkout': 4 } } },
      noProductWork: { bias: -2, weights: { 'w:jira': 4 }, threshold: 0.5 },
    };
    const domains = (text: string) =>
      routeStoryWithModel({ text, catalog: DEFAULT_CATALOG, model }).map((match) => match.domain);
    expect(domains('Speed up the checkout')).toEqual(['payments']);
    expect(domains('Tidy up the Jira board of the checkout squad')).toEqual([]);
    const { noProductWork: _, ...withoutHead } = model;
    expect(
      routeStoryWithModel({
        text: 'Tidy up the Jira board of the checkout squad',
        catalog: DEFAULT_CATALOG,
        model: withoutHead,
      }).map((match) => match.domain),
    ).toEqual(['payments']);
  });

  it('leaves a catalog of other domains to its vocabulary', () => {
    const catalog = CatalogSchema.parse({ domains: [{ name: 'search', keywords: ['ranking'] }] });
    expect(routeStoryWithModel({ text: 'Members can upload a headshot', catalog })).toEqual([]);
    expect(routeStoryWithModel({ text: 'Improve the ranking', catalog }).map((m) => m.domain)).toEqual(['search']);
  });
});

describe('the tuning stories', () => {
  it('are at least 80, about half of them needing several domains, a few none', () => {
    expect(TUNING_STORIES.length).toBeGreaterThanOrEqual(80);
    const multi = TUNING_STORIES.filter((story) => story.domains.length > 1).length;
    expect(multi / TUNING_STORIES.length).toBeGreaterThanOrEqual(0.4);
    expect(TUNING_STORIES.filter((story) => story.domains.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  it('do not repeat a story of the original set', () => {
    const original = new Set(LABELLED_STORIES.map((story) => story.text.toLowerCase()));
    expect(TUNING_STORIES.filter((story) => original.has(story.text.toLowerCase()))).toEqual([]);
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
