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
    /**
     * Phrases naming work outside the product ("runbook", "readme", "post-mortem", "demo video"): a story that
     * mentions one is a chore and routes to no domain, whatever else it mentions. @default []
     */
    chores: z.array(TermSchema).default([]),
    /**
     * Words naming a user-visible surface ("page", "screen", "form", "button"). In a presentation-only story (one
     * that mentions a `presentation` word) a domain's keyword placed right before a surface the domain does not
     * itself own ("the login form", "the invoice page") only says which surface, and quoted text is copy: neither is
     * evidence for that domain. @default []
     */
    surfaces: z.array(TermSchema).default([]),
    /** Words that make a story presentation-only work ("style", "layout", "contrast", "misaligned"). @default [] */
    presentation: z.array(TermSchema).default([]),
    /**
     * Words naming data kept about something ("table", "column", "event", "log", "per day"). A domain's keyword right
     * before one that the domain does not own itself only says what the data is about ("the payouts table",
     * "sign-up events", "API calls per day"): it supports the domain when other keywords route the story there, but
     * cannot route it alone. @default []
     */
    records: z.array(TermSchema).default([]),
    /**
     * Also route with the learned model shipped with WAVE (`src/planning/router-model.json`), trained on labelled
     * stories for the six built-in domains; the built-in catalog sets it. A catalog of other domains leaves it off.
     * @default false
     */
    learnedModel: z.boolean().default(false),
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
