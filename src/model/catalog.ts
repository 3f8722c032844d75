import { z } from 'zod';
import { DomainNameSchema } from './domain-name';

/**
 * The domain catalog: which domains exist, how the supervisor recognises them in a story, how critical they are,
 * how the budget is split between them and which domains must finish first. Pure data, JSON-serialisable, so a
 * team can keep its own catalog in a config file and validate it with {@link CatalogSchema}.
 */

/** Weight of a term given in list form (`["refund", "stripe"]`) rather than as a `{ term: weight }` record. */
export const DEFAULT_TERM_WEIGHT = 1;

/** Weight of a generic term given in list form. */
export const DEFAULT_GENERIC_WEIGHT = 0.5;

/** A word or phrase of the routing vocabulary: case-insensitive, at least one letter or digit. */
const TermSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/[a-z0-9]/, 'must contain a letter or a digit');

/**
 * Terms with weights, written either as a record (`{ "refund": 1, "tax": 0.6 }`) or as a list that gives every term
 * `defaultWeight`. The output is always a record of lower-cased terms.
 */
function weightedTerms(defaultWeight: number) {
  const list = z.array(TermSchema).transform((terms) => Object.fromEntries(terms.map((t) => [t, defaultWeight])));
  const record = z
    .record(TermSchema, z.number().positive('weights must be > 0').max(10, 'weights must be at most 10'))
    .transform((terms) => ({ ...terms }));
  return z.union([list, record]).default({});
}

/** One domain of the catalog. */
export const DomainSpecSchema = z
  .object({
    /** Domain name, used in workflow ids and branch names: lower-case letters, digits and dashes. */
    name: DomainNameSchema,
    /** What the domain owns, for humans. */
    description: z.string().max(500).optional(),
    /** A failure of a critical domain fails the run. @default false */
    critical: z.boolean().default(false),
    /** Relative share of the run budget. @default 1 */
    weight: z.number().positive('must be > 0').max(100).default(1),
    /** Domains that must finish before this one starts (they form the dependency layers). @default [] */
    dependsOn: z.array(z.string()).default([]),
    /**
     * Words and phrases that are evidence for this domain, with weights. Matching is case-insensitive and
     * word-bounded, tolerates plurals and -ing/-ed forms, and ignores articles and possessives inside phrases
     * ("delete account" matches "delete their account"). A story routes to the domain when the summed weight
     * reaches `minScore`, so a term of weight < 1 needs company. @default {}
     */
    keywords: weightedTerms(DEFAULT_TERM_WEIGHT),
    /**
     * Ambiguous words ("page", "token", "table") that count only when at least one keyword of this domain also
     * matched; alone they never route a story. @default {}
     */
    generic: weightedTerms(DEFAULT_GENERIC_WEIGHT),
    /**
     * Phrases whose words are not evidence for this domain ("table of contents" for data, "at rest" for api).
     * @default []
     */
    exclude: z.array(TermSchema).default([]),
    /** Score a story needs to route to this domain. @default 1 */
    minScore: z.number().positive('must be > 0').max(100).default(1),
  })
  .strict();

/** A domain as the router and supervisor see it (defaults applied). */
export type DomainSpec = z.infer<typeof DomainSpecSchema>;

/** A catalog of domains. Domain names are unique and `dependsOn` names only domains of the same catalog. */
export const CatalogSchema = z
  .object({
    /** The domains, at least one. */
    domains: z.array(DomainSpecSchema).min(1, 'a catalog needs at least one domain'),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.domains.forEach((domain, index) => {
      if (seen.has(domain.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['domains', index, 'name'],
          message: `duplicate domain "${domain.name}"`,
        });
      }
      seen.add(domain.name);
    });
    catalog.domains.forEach((domain, index) => {
      for (const dependency of domain.dependsOn) {
        const problem =
          dependency === domain.name
            ? 'depends on itself'
            : seen.has(dependency)
              ? undefined
              : `depends on unknown domain "${dependency}"`;
        if (problem) {
          ctx.addIssue({
            code: 'custom',
            path: ['domains', index, 'dependsOn'],
            message: `domain "${domain.name}" ${problem}`,
          });
        }
      }
    });
  });

/** A validated catalog (defaults applied). */
export type Catalog = z.infer<typeof CatalogSchema>;

/** A catalog as written in a config file, before defaults are applied. */
export type CatalogInput = z.input<typeof CatalogSchema>;

/**
 * The built-in catalog: the six domains of the original WAVE router, with its keywords plus stems' irregular
 * cousins, synonyms and common vendor names. Critical: auth, payments, data. No dependencies by default.
 */
export const DEFAULT_CATALOG: Catalog = CatalogSchema.parse({
  domains: [
    {
      name: 'auth',
      description: 'Sign-in, sessions, credentials, MFA, SSO, roles and permissions.',
      critical: true,
      weight: 1.2,
      keywords: {
        login: 1,
        logout: 1,
        'log in': 1,
        'log out': 1,
        signin: 1,
        signup: 1,
        signout: 1,
        'sign in': 1,
        'sign up': 1,
        'sign out': 1,
        'sign on': 1,
        sso: 1,
        saml: 1,
        oauth: 1,
        oauth2: 1,
        oidc: 1,
        openid: 1,
        'identity provider': 1,
        idp: 1,
        ldap: 1,
        okta: 1,
        auth0: 1,
        password: 1,
        passwordless: 1,
        passkey: 1,
        webauthn: 1,
        'magic link': 1,
        jwt: 1,
        'refresh token': 1,
        'access token': 1,
        '2fa': 1,
        mfa: 1,
        'two factor': 1,
        'multi factor': 1,
        totp: 1,
        otp: 0.8,
        authenticator: 1,
        authentication: 1,
        authenticate: 1,
        authorization: 1,
        authorize: 1,
        credential: 0.8,
        permission: 1,
        rbac: 1,
        'access control': 1,
        role: 0.6,
        'email verification': 1,
        'verify email': 1,
        'idle session': 1,
        'session timeout': 1,
        'session expiry': 1,
        'session cookie': 1,
        'brute force': 0.8,
        captcha: 0.6,
      },
      generic: { token: 0.5, session: 0.5, access: 0.4, account: 0.3, admin: 0.3, verification: 0.4 },
      exclude: ['design token'],
    },
    {
      name: 'payments',
      description: 'Checkout, billing, subscriptions, invoices, refunds, payouts and tax.',
      critical: true,
      weight: 1.2,
      keywords: {
        pay: 1,
        payment: 1,
        billing: 1,
        bill: 0.6,
        checkout: 1,
        stripe: 1,
        paypal: 1,
        braintree: 1,
        adyen: 1,
        'apple pay': 1,
        'google pay': 1,
        invoice: 1,
        receipt: 1,
        subscription: 1,
        'credit card': 1,
        'debit card': 1,
        'payment method': 1,
        transaction: 1,
        purchase: 1,
        refund: 1,
        chargeback: 1,
        payout: 1,
        vat: 1,
        'sales tax': 1,
        tax: 0.7,
        coupon: 1,
        'promo code': 1,
        discount: 0.7,
        proration: 1,
        prorate: 1,
        dunning: 1,
        charge: 0.7,
        merchant: 0.8,
        pci: 1,
        currency: 0.6,
        wallet: 0.5,
      },
      generic: { price: 0.5, pricing: 0.5, card: 0.5, plan: 0.3, order: 0.3, cost: 0.3 },
      exclude: [],
    },
    {
      name: 'profile',
      description: 'User profile, account settings, preferences and avatars.',
      weight: 0.8,
      keywords: {
        profile: 1,
        avatar: 1,
        gravatar: 1,
        'profile picture': 1,
        'profile photo': 1,
        'display name': 1,
        username: 0.8,
        bio: 1,
        settings: 1,
        'account settings': 1,
        preference: 1,
        'user info': 1,
        'personal info': 1,
        'personal details': 1,
        'contact details': 0.8,
        'delete account': 1,
        'account deletion': 1,
        timezone: 0.8,
        'time zone': 0.8,
      },
      generic: { account: 0.4, photo: 0.5, picture: 0.5, language: 0.4, locale: 0.4 },
      exclude: [],
    },
    {
      name: 'api',
      description: 'HTTP, REST and GraphQL endpoints, webhooks, rate limits and API contracts.',
      weight: 1,
      keywords: {
        api: 1,
        endpoint: 1,
        rest: 0.5,
        'rest api': 1,
        graphql: 1,
        grpc: 1,
        openapi: 1,
        swagger: 1,
        webhook: 1,
        http: 1,
        https: 1,
        'status code': 1,
        'rate limit': 1,
        throttle: 0.6,
        controller: 1,
        middleware: 0.8,
        cors: 1,
        'api key': 1,
        mutation: 0.8,
        resolver: 0.8,
        'request body': 1,
        sdk: 0.6,
      },
      generic: {
        request: 0.5,
        response: 0.5,
        route: 0.5,
        pagination: 0.5,
        payload: 0.5,
        header: 0.4,
        url: 0.3,
        json: 0.4,
        version: 0.3,
      },
      exclude: ['at rest', 'rest of', 'feature request'],
    },
    {
      name: 'ui',
      description: 'Frontend: pages, components, layout, styling, responsiveness and accessibility.',
      weight: 1,
      keywords: {
        ui: 1,
        ux: 0.8,
        frontend: 1,
        'front end': 1,
        component: 1,
        react: 1,
        vue: 1,
        angular: 1,
        svelte: 1,
        nextjs: 1,
        dashboard: 1,
        button: 1,
        modal: 1,
        dialog: 0.8,
        layout: 1,
        css: 1,
        html: 1,
        tailwind: 1,
        storybook: 1,
        figma: 1,
        'design system': 1,
        'design token': 1,
        accessibility: 1,
        accessible: 0.8,
        a11y: 1,
        'screen reader': 1,
        aria: 1,
        wcag: 1,
        'keyboard navigation': 1,
        'dark mode': 1,
        'light mode': 1,
        theme: 0.7,
        responsive: 1,
        navbar: 1,
        menu: 0.8,
        sidebar: 1,
        footer: 1,
        header: 0.6,
        spinner: 1,
        tooltip: 1,
        toast: 0.8,
        dropdown: 1,
        'date picker': 1,
        toggle: 0.6,
        widget: 0.8,
        icon: 0.8,
        font: 0.8,
        animation: 0.8,
        render: 0.6,
        screen: 0.6,
        'landing page': 1,
      },
      generic: { page: 0.5, form: 0.5, style: 0.5, view: 0.3, color: 0.4, colour: 0.4, contrast: 0.4, mobile: 0.4 },
      exclude: ['style guide'],
    },
    {
      name: 'data',
      description: 'Databases, schemas, migrations, queries, indexes, backfills and pipelines.',
      critical: true,
      weight: 1,
      keywords: {
        database: 1,
        db: 1,
        migration: 1,
        migrate: 0.7,
        schema: 0.7,
        query: 0.6,
        sql: 1,
        postgres: 1,
        postgresql: 1,
        mysql: 1,
        mongo: 1,
        mongodb: 1,
        sqlite: 1,
        redis: 0.8,
        dynamodb: 1,
        orm: 1,
        prisma: 1,
        typeorm: 1,
        sequelize: 1,
        supabase: 1,
        index: 1,
        backfill: 1,
        column: 1,
        'foreign key': 1,
        'unique constraint': 1,
        constraint: 0.6,
        etl: 1,
        'data warehouse': 1,
        'data pipeline': 1,
        'data model': 1,
        bigquery: 1,
        snowflake: 1,
        'materialized view': 1,
        replica: 0.8,
        shard: 1,
      },
      generic: { table: 0.5, model: 0.5, data: 0.5, record: 0.4, row: 0.5, storage: 0.5, pii: 0.4 },
      exclude: ['table of contents', 'index page', 'index html'],
    },
  ],
});
