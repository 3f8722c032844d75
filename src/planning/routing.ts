import type { Catalog, DomainSpec } from '../model/catalog';

/**
 * The story router: finds the domains a story is about from the catalog's weighted vocabulary.
 *
 * Pure and deterministic (no clock, no randomness, no I/O), so it runs in activities and in workflow code alike.
 *
 * How a story is read:
 * 1. Tokens are the story's runs of letters and digits, lower-cased ("Sign-on" → `sign`, `on`). Articles and
 *    possessives ("the", "their", …) are dropped so phrases match across them.
 * 2. Each token stands for a set of base forms: itself, its singulars (`refunds` → `refund`, `queries` → `query`,
 *    `indexes` → `index`) and its -ing/-ed bases (`pricing` → `price`, `logged` → `log`). A vocabulary word matches a
 *    token when the word's singular is one of the token's base forms, so `theme` never matches `them`.
 * 3. For each domain, the longest vocabulary entry starting at each token wins and consumes its tokens ("account
 *    settings" is one match, not two; an `exclude` phrase consumes "table of contents" without scoring).
 * 4. The score is the sum of distinct matched keywords, plus generic words when at least one keyword matched. A
 *    domain routes when it has a keyword and its score reaches its `minScore`.
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
  /** The story's own words for the match, as written. */
  text: string;
  /** The matched tokens, lower-cased and joined by spaces. */
  key: string;
}

/** Dropped before matching so phrases match across them ("delete their account" ⇒ "delete account"). */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'their', 'his', 'her', 'its', 'my', 'your', 'our', 'this', 'that']);

/** Forms that no suffix rule recovers. */
const IRREGULAR_FORMS: Readonly<Record<string, string>> = { indices: 'index', paid: 'pay', people: 'person' };

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

/** Lower-cased runs of letters and digits, filler words dropped, with their place in the text. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[a-z0-9]+/gi)) {
    const word = match[0].toLowerCase();
    if (FILLER_WORDS.has(word)) continue;
    const start = match.index ?? 0;
    tokens.push({ word, forms: baseForms(word), start, end: start + match[0].length });
  }
  return tokens;
}

function toEntries(terms: Readonly<Record<string, number>>, kind: EntryKind): Entry[] {
  return Object.entries(terms).map(([term, weight]) => ({ term, weight, kind, words: termWords(term) }));
}

function termWords(term: string): string[] {
  return (term.match(/[a-z0-9]+/g) ?? []).filter((word) => !FILLER_WORDS.has(word)).map(vocabularyForm);
}

function compareEntries(a: Entry, b: Entry): number {
  return (
    b.words.length - a.words.length ||
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
  return entry.words.every((word, offset) => tokens[position + offset]?.forms.has(word) === true);
}

/** Scans the story left to right taking the best entry at each token; the first occurrence of each term counts. */
function collectHits(text: string, tokens: readonly Token[], entries: readonly Entry[]): Hit[] {
  const hits = new Map<string, Hit>();
  let position = 0;
  while (position < tokens.length) {
    const entry = entries.find((candidate) => matchesAt(candidate, tokens, position));
    if (entry === undefined) {
      position += 1;
      continue;
    }
    const matched = tokens.slice(position, position + entry.words.length);
    if (entry.kind !== 'exclude' && !hits.has(entry.term)) hits.set(entry.term, toHit(text, entry, matched));
    position += entry.words.length;
  }
  return [...hits.values()];
}

function toHit(text: string, entry: Entry, matched: readonly Token[]): Hit {
  const first = matched[0];
  const last = matched[matched.length - 1];
  const span = first && last ? text.slice(first.start, last.end) : entry.term;
  return { entry, text: span, key: matched.map((token) => token.word).join(' ') };
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
function routeDomain(domain: CompiledDomain, text: string, tokens: readonly Token[]): RouteMatch | undefined {
  const hits = collectHits(text, tokens, domain.entries);
  const keywords = hits.filter((hit) => hit.entry.kind === 'keyword');
  if (keywords.length === 0) return undefined;
  const generics = hits.filter((hit) => hit.entry.kind === 'generic');
  const score = Math.round((sumWeights(keywords) + sumWeights(generics)) * 100) / 100;
  if (score < domain.spec.minScore) return undefined;
  return { domain: domain.spec.name, score, reason: describeHits(keywords, generics) };
}

function compareMatches(a: RouteMatch, b: RouteMatch): number {
  return b.score - a.score || compareStrings(a.domain, b.domain);
}

/**
 * Routes a story to the catalog's domains.
 *
 * @returns the domains whose evidence reaches their `minScore`, by score (highest first) then name; empty when
 * nothing in the story points at a domain (the caller decides whether that is an error).
 */
export function routeStory(input: { text: string; catalog: Catalog }): RouteMatch[] {
  const tokens = tokenize(input.text);
  return input.catalog.domains
    .map((spec) => routeDomain(compileDomain(spec), input.text, tokens))
    .filter((match): match is RouteMatch => match !== undefined)
    .sort(compareMatches);
}
