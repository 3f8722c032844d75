import type { Catalog, DomainSpec } from '../model/catalog';

/**
 * The story router: finds the domains a story is about from the catalog's weighted vocabulary.
 *
 * Pure and deterministic (no clock, no randomness, no I/O), so it runs in activities and in workflow code alike.
 *
 * How a story is read:
 * 1. Tokens are the story's runs of letters and digits, lower-cased ("Sign-on" → `sign`, `on`). Articles,
 *    determiners and possessives ("the", "every", "their", the `s` of "user's", …) are dropped so phrases match across
 *    them ("delete every account" ⇒ "delete account", "the workspace's owner" ⇒ "workspace owner"). Some words only
 *    name something and match nothing: snake_case identifiers (`checkout_started`), URL path segments
 *    (`/v1/transactions`) and amounts after a currency sign ("$500" is no status code).
 * 2. Each token stands for a set of base forms: itself, its singulars (`refunds` → `refund`, `queries` → `query`,
 *    `indexes` → `index`) and its -ing/-ed bases (`pricing` → `price`, `logged` → `log`). A vocabulary word matches a
 *    token when the word's singular is one of the token's base forms, so `theme` never matches `them`.
 * 3. For each domain, the longest vocabulary entry starting at each token wins and consumes its tokens ("account
 *    settings" is one match, not two; an `exclude` phrase consumes "table of contents" without scoring). Between
 *    entries of the same length an `exclude` wins, so a single-word exclude ("planning") overrides a keyword that
 *    would match the same token through its base form (`plan`).
 *    A `*` in a phrase stands for at most one word ("only * admins" matches "only billing admins" and "only admins").
 * 4. The score is the sum of distinct matched keywords, plus generic words when at least one keyword matched. A
 *    domain routes when it has a keyword and its score reaches its `minScore`.
 * 5. Two catalog-wide rules read the story as a whole. A story that mentions one of the catalog's `chores` (a runbook,
 *    a README, a post-mortem) is work outside the product and routes nowhere. A presentation-only story (one that
 *    mentions a `presentation` word: style, layout, contrast…) is about how a surface looks, so a keyword naming
 *    which surface ("the login form", "the invoice page": right before one of the catalog's `surfaces` that the
 *    domain does not own itself) and quoted copy ("Buy now") are not evidence for that domain.
 * 6. A keyword that only says what some data is about is context, not work: right before one of the catalog's
 *    `records` that its domain does not own ("the payouts table", "sign-up events", "API calls per day", "the billing
 *    repo") or right after "<record> of" ("an export of sign-ups"). Such a keyword supports its domain when another
 *    keyword routes the story there, but cannot route it alone.
 */

/** A domain the story routes to, with the evidence. */
export interface RouteMatch {
  /** Domain name from the catalog. */
  domain: string;
  /** Summed weight of the evidence, rounded to two decimals; higher means more clearly about this domain. */
  score: number;
  /** The words that routed the story here, e.g. `matched "refunds" (refund), "Stripe"; supported by "page"`. */
  reason: string;
}

type EntryKind = 'keyword' | 'generic' | 'exclude';

/** One vocabulary entry of a domain, ready to match: each word reduced to its singular. */
interface Entry {
  term: string;
  words: string[];
  weight: number;
  kind: EntryKind;
}

interface CompiledDomain {
  spec: DomainSpec;
  /** Longest first, then heaviest, so the first entry that matches at a position is the best one. */
  entries: Entry[];
}

interface Token {
  /** Lower-cased word. */
  word: string;
  /** Base forms the word may stand for (itself, singulars, -ing/-ed bases). */
  forms: ReadonlySet<string>;
  start: number;
  end: number;
}

interface Hit {
  entry: Entry;
  /** Index of the first matched token and of the token after the match. */
  first: number;
  next: number;
  /** The story's own words for the match, as written. */
  text: string;
  /** The matched tokens, lower-cased and joined by spaces. */
  key: string;
  /** A keyword read as context (it only says what some data is about): it supports the domain but cannot route it. */
  support: boolean;
}

/**
 * Dropped before matching so phrases match across them ("delete their account" ⇒ "delete account"): articles,
 * determiners, possessive pronouns and the `s` left of a possessive ("user's" → `user`, `s`).
 */
const FILLER_WORDS = new Set([
  'a',
  'an',
  'the',
  'their',
  'his',
  'her',
  'its',
  'my',
  'your',
  'our',
  'this',
  'that',
  'these',
  'those',
  'each',
  'every',
  'any',
  'all',
  'some',
  's',
]);

/** Forms that no suffix rule recovers. */
const IRREGULAR_FORMS: Readonly<Record<string, string>> = { indices: 'index', paid: 'pay', people: 'person' };

/** A vocabulary word that matches any one story word. */
const WILDCARD = '*';

const KIND_ORDER: Readonly<Record<EntryKind, number>> = { exclude: 0, keyword: 1, generic: 2 };

/** Plain code-unit comparison: the same order on every machine and locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The singulars a word may be the plural of: `refunds` → `refund`; `indexes` → `indexe`, `index`; `queries` → … `query`. */
function singulars(word: string): string[] {
  if (word.length < 3 || !word.endsWith('s') || /(ss|us|is)$/.test(word)) return [];
  const forms = [word.slice(0, -1)];
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('ies') && word.length > 4) forms.push(`${word.slice(0, -3)}y`);
  return forms;
}

/** Undoes consonant doubling before -ing/-ed (`logg` → `log`), but not for l, s, z (`bill`, `pass`, `buzz`). */
function undouble(stem: string): string {
  const last = stem.at(-1);
  return last !== undefined && last === stem.at(-2) && !'lsz'.includes(last) ? stem.slice(0, -1) : stem;
}

/** The bases an -ing/-ed word may come from: `pricing` → `pric`, `price`; `logged` → `logg`, `log`; `queried` → `query`. */
function verbBases(word: string): string[] {
  if (word.endsWith('ied') && word.length > 4) return [`${word.slice(0, -3)}y`];
  const suffix = ['ing', 'ed'].find((end) => word.endsWith(end) && word.length - end.length >= 3);
  if (suffix === undefined) return [];
  const stem = word.slice(0, -suffix.length);
  return [stem, `${stem}e`, undouble(stem)];
}

/** Every base form a story word may stand for, the word itself included. */
function baseForms(word: string): Set<string> {
  const forms = new Set([word, ...singulars(word)]);
  const irregular = IRREGULAR_FORMS[word];
  if (irregular !== undefined) forms.add(irregular);
  for (const form of [...forms]) verbBases(form).forEach((base) => forms.add(base));
  return forms;
}

/** How a vocabulary word is stored: its singular, so catalog authors may write `settings` or `setting`. */
function vocabularyForm(word: string): string {
  const irregular = IRREGULAR_FORMS[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 3 || !word.endsWith('s') || /(ss|us|is)$/.test(word)) return word;
  return word.endsWith('ies') ? `${word.slice(0, -3)}y` : word.slice(0, -1);
}

/** Marks the characters of URL paths ("/v1/transactions", "/search"): a slash after a space, bracket or quote, or first. */
function pathMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const m of text.matchAll(/(?<![\w/.-])\/[\w{}:./-]*[\w}]/g))
    mask.fill(1, m.index ?? 0, (m.index ?? 0) + m[0].length);
  return mask;
}

/**
 * Whether a word only names something rather than being read as words: a snake_case identifier (`checkout_started`,
 * `created_at`), a segment of a URL path, or an amount after a currency sign ("$500" is no status code).
 */
function isOpaque(text: string, word: string, start: number, paths: Uint8Array): boolean {
  return word.includes('_') || /[$€£¥]/.test(text.charAt(start - 1)) || paths[start] === 1;
}

/**
 * Lower-cased runs of letters and digits, filler words dropped, with their place in the text. Opaque words (see
 * {@link isOpaque}) are kept as tokens, so phrases do not match across them, but stand for no base form.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const paths = pathMask(text);
  for (const match of text.matchAll(/[a-z0-9]+(?:_[a-z0-9]+)*/gi)) {
    const word = match[0].toLowerCase();
    if (FILLER_WORDS.has(word)) continue;
    const start = match.index ?? 0;
    const forms = isOpaque(text, word, start, paths) ? new Set<string>() : baseForms(word);
    // An acronym's plural keeps its capitals: "APIs", "SDKs", "KPIs" (where "analysis" or "basis" is no plural).
    if (/^[A-Z0-9]{2,}s$/.test(match[0])) forms.add(word.slice(0, -1));
    tokens.push({ word, forms, start, end: start + match[0].length });
  }
  return tokens;
}

function toEntries(terms: Readonly<Record<string, number>>, kind: EntryKind): Entry[] {
  return Object.entries(terms).flatMap(([term, weight]) =>
    wildcardVariants(termWords(term)).map((words) => ({ term, weight, kind, words })),
  );
}

/** A term's word lists with each `*` either kept (any one word) or dropped: "split * bill" → itself, "split bill". */
function wildcardVariants(words: readonly string[]): string[][] {
  return words.reduce<string[][]>(
    (variants, word) =>
      variants.flatMap((variant) => (word === WILDCARD ? [[...variant, word], variant] : [[...variant, word]])),
    [[]],
  );
}

/** A term's words as stored; `*` (any one word) is kept, except at either end where it would only widen the span. */
function termWords(term: string): string[] {
  const words = (term.match(/[a-z0-9]+|\*/g) ?? []).filter((word) => !FILLER_WORDS.has(word)).map(vocabularyForm);
  while (words[0] === WILDCARD) words.shift();
  while (words.at(-1) === WILDCARD) words.pop();
  return words;
}

/** Longest first; at equal length excludes, then the heaviest, so a one-word exclude overrides a keyword. */
function compareEntries(a: Entry, b: Entry): number {
  return (
    b.words.length - a.words.length ||
    Number(b.kind === 'exclude') - Number(a.kind === 'exclude') ||
    b.weight - a.weight ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareStrings(a.term, b.term)
  );
}

const compiled = new WeakMap<DomainSpec, CompiledDomain>();

/** A domain's vocabulary as sorted entries; cached per spec object (catalogs are treated as immutable). */
function compileDomain(spec: DomainSpec): CompiledDomain {
  const cached = compiled.get(spec);
  if (cached) return cached;
  const excludes = toEntries(Object.fromEntries(spec.exclude.map((term) => [term, 0])), 'exclude');
  const entries = [...toEntries(spec.keywords, 'keyword'), ...toEntries(spec.generic, 'generic'), ...excludes]
    .filter((entry) => entry.words.length > 0)
    .sort(compareEntries);
  const domain = { spec, entries };
  compiled.set(spec, domain);
  return domain;
}

function matchesAt(entry: Entry, tokens: readonly Token[], position: number): boolean {
  return entry.words.every((word, offset) => {
    const token = tokens[position + offset];
    return token !== undefined && (word === WILDCARD || token.forms.has(word));
  });
}

/** The catalog-wide word lists, compiled once per catalog object. */
interface CompiledCatalog {
  chores: Entry[];
  surfaces: Entry[];
  presentation: Entry[];
  records: Entry[];
}

const compiledCatalogs = new WeakMap<Catalog, CompiledCatalog>();

function compileTerms(terms: readonly string[] | undefined): Entry[] {
  return toEntries(Object.fromEntries((terms ?? []).map((term) => [term, 0])), 'exclude')
    .filter((entry) => entry.words.length > 0)
    .sort(compareEntries);
}

function compileCatalog(catalog: Catalog): CompiledCatalog {
  const cached = compiledCatalogs.get(catalog);
  if (cached) return cached;
  const result = {
    chores: compileTerms(catalog.chores),
    surfaces: compileTerms(catalog.surfaces),
    presentation: compileTerms(catalog.presentation),
    records: compileTerms(catalog.records),
  };
  compiledCatalogs.set(catalog, result);
  return result;
}

function mentionsAny(entries: readonly Entry[], tokens: readonly Token[]): boolean {
  return tokens.some((_, position) => entries.some((entry) => matchesAt(entry, tokens, position)));
}

/** How the story as a whole is read before any domain is scored. */
interface StoryContext {
  tokens: readonly Token[];
  /** The catalog's `records` words. */
  records: readonly Entry[];
  /** Set in a presentation-only story: the surface words and the quoted spans of the text. */
  presentation?: { surfaces: readonly Entry[]; quoted: ReadonlyArray<readonly [number, number]> };
}

/** Character spans between double quotes, straight or curly. */
function quotedSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(/"[^"]*"|\u201c[^\u201d]*\u201d/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/**
 * In a presentation-only story, whether a hit only names a surface: it sits right before a surface word that the
 * domain has no entry for ("login" in "the login form" for auth, but not "page" in "the login page" for ui), or it
 * is quoted copy.
 */
function onlyNamesSurface(hit: Hit, domain: CompiledDomain, story: StoryContext): boolean {
  const presentation = story.presentation;
  if (presentation === undefined) return false;
  const { tokens } = story;
  const first = tokens[hit.first];
  if (first && presentation.quoted.some(([start, end]) => first.start > start && first.end < end)) return true;
  const before = presentation.surfaces.some((surface) => matchesAt(surface, tokens, hit.next));
  return before && !ownsAt(domain, tokens, hit.next);
}

/** Whether some entry of the domain (other than an exclude) matches at a position: the domain owns that word. */
function ownsAt(domain: CompiledDomain, tokens: readonly Token[], position: number): boolean {
  return domain.entries.some((entry) => entry.kind !== 'exclude' && matchesAt(entry, tokens, position));
}

/**
 * Whether a keyword only says what some data is about: it sits right before one of the catalog's `records` words
 * that the domain has no entry for ("payouts" in "the payouts table" or "sign-up" in "sign-up events" for payments
 * and auth, but not for data, which owns "table" and "event").
 */
function onlyModifiesRecord(hit: Hit, domain: CompiledDomain, story: StoryContext): boolean {
  const { tokens } = story;
  const before =
    story.records.some((record) => matchesAt(record, tokens, hit.next)) && !ownsAt(domain, tokens, hit.next);
  return before || afterRecordOf(hit, domain, story);
}

/** Whether a hit follows "<record> of" ("an export of sign-ups", "a chart of API calls") that the domain does not own. */
function afterRecordOf(hit: Hit, domain: CompiledDomain, story: StoryContext): boolean {
  const { tokens } = story;
  if (tokens[hit.first - 1]?.word !== 'of') return false;
  return story.records.some((record) => {
    const start = hit.first - 1 - record.words.length;
    return start >= 0 && matchesAt(record, tokens, start) && !ownsAt(domain, tokens, start);
  });
}

/**
 * Scans the story left to right taking the best entry at each token; for each term the first occurrence that is
 * not `ignore`d counts, and a later occurrence read as evidence replaces one read as context.
 */
function collectHits(
  text: string,
  tokens: readonly Token[],
  entries: readonly Entry[],
  read: (hit: Hit) => 'ignore' | 'support' | 'evidence',
): Hit[] {
  const hits = new Map<string, Hit>();
  let position = 0;
  while (position < tokens.length) {
    const entry = entries.find((candidate) => matchesAt(candidate, tokens, position));
    if (entry === undefined) {
      position += 1;
      continue;
    }
    const seen = hits.get(entry.term);
    if (entry.kind !== 'exclude' && (seen === undefined || seen.support)) {
      const hit = toHit(text, entry, tokens.slice(position, position + entry.words.length), position);
      const reading = read(hit);
      if (reading !== 'ignore' && (seen === undefined || reading === 'evidence')) {
        hits.set(entry.term, { ...hit, support: reading === 'support' });
      }
    }
    position += entry.words.length;
  }
  return [...hits.values()];
}

function toHit(text: string, entry: Entry, matched: readonly Token[], position: number): Hit {
  const first = matched[0];
  const last = matched[matched.length - 1];
  const span = first && last ? text.slice(first.start, last.end) : entry.term;
  const key = matched.map((token) => token.word).join(' ');
  return { entry, first: position, next: position + matched.length, text: span, key, support: false };
}

function sumWeights(hits: readonly Hit[]): number {
  return hits.reduce((total, hit) => total + hit.entry.weight, 0);
}

function describeHit(hit: Hit): string {
  const quoted = `"${hit.text}"`;
  return hit.key === hit.entry.term ? quoted : `${quoted} (${hit.entry.term})`;
}

function describeHits(keywords: readonly Hit[], generics: readonly Hit[]): string {
  const matched = `matched ${keywords.map(describeHit).join(', ')}`;
  return generics.length === 0 ? matched : `${matched}; supported by ${generics.map(describeHit).join(', ')}`;
}

/** Scores one domain; undefined when the story does not route to it. */
function routeDomain(domain: CompiledDomain, text: string, story: StoryContext): RouteMatch | undefined {
  const hits = collectHits(text, story.tokens, domain.entries, (hit) => {
    if (onlyNamesSurface(hit, domain, story)) return 'ignore';
    return hit.entry.kind === 'keyword' && onlyModifiesRecord(hit, domain, story) ? 'support' : 'evidence';
  });
  const keywords = hits.filter((hit) => hit.entry.kind === 'keyword' && !hit.support);
  if (keywords.length === 0) return undefined;
  const generics = hits.filter((hit) => hit.entry.kind === 'generic' || hit.support);
  const score = Math.round((sumWeights(keywords) + sumWeights(generics)) * 100) / 100;
  if (score < domain.spec.minScore) return undefined;
  return { domain: domain.spec.name, score, reason: describeHits(keywords, generics) };
}

function compareMatches(a: RouteMatch, b: RouteMatch): number {
  return b.score - a.score || compareStrings(a.domain, b.domain);
}

/** The story's words as the router reads them: each lower-cased word with the base forms it may stand for. */
export function storyWords(text: string): Array<{ word: string; forms: ReadonlySet<string> }> {
  return tokenize(text).map(({ word, forms }) => ({ word, forms }));
}

/** True when the story mentions work outside the product (a catalog `chores` phrase): it routes nowhere. */
export function isChore(input: { text: string; catalog: Catalog }): boolean {
  return mentionsAny(compileCatalog(input.catalog).chores, tokenize(input.text));
}

/**
 * Routes a story to the catalog's domains.
 *
 * @returns the domains whose evidence reaches their `minScore`, by score (highest first) then name; empty when
 * nothing in the story points at a domain or the story is a chore (the caller decides whether that is an error).
 */
export function routeStory(input: { text: string; catalog: Catalog }): RouteMatch[] {
  const tokens = tokenize(input.text);
  const catalog = compileCatalog(input.catalog);
  if (mentionsAny(catalog.chores, tokens)) return [];
  const { records } = catalog;
  const story: StoryContext = mentionsAny(catalog.presentation, tokens)
    ? { tokens, records, presentation: { surfaces: catalog.surfaces, quoted: quotedSpans(input.text) } }
    : { tokens, records };
  return input.catalog.domains
    .map((spec) => routeDomain(compileDomain(spec), input.text, story))
    .filter((match): match is RouteMatch => match !== undefined)
    .sort(compareMatches);
}
