import type { Catalog } from '../model/catalog';
import type { LearnedModel } from './learned-model';
import { readsAsNoProductWork, scoreDomains } from './learned-model';
import routerModel from './router-model.json';
import type { RouteMatch } from './routing';
import { isChore, routeStory } from './routing';
import { storyFeatures } from './story-features';

const BUILT_IN_MODEL = routerModel as LearnedModel;

/**
 * The built-in router: the catalog's vocabulary, and for a catalog that asks for it (`learnedModel`, set by the
 * built-in catalog) the learned model over the story's words, which reads phrasings the vocabulary lacks. A domain
 * routes when the model's probability reaches its threshold, or when the vocabulary finds it and the model does not
 * know the domain; none routes when the story names a chore of the catalog or the model reads it as no product work.
 * Each match says why: the words the vocabulary matched, and the model's probability and strongest words. Pure and
 * deterministic.
 */
export function routeStoryWithModel(input: { text: string; catalog: Catalog; model?: LearnedModel }): RouteMatch[] {
  const vocabulary = routeStory(input);
  if (!input.catalog.learnedModel || isChore(input)) return vocabulary;
  const model = input.model ?? BUILT_IN_MODEL;
  const names = new Set(input.catalog.domains.map((domain) => domain.name));
  const found = new Map(vocabulary.map((match) => [match.domain, match]));
  const features = storyFeatures({ text: input.text, vocabularyDomains: [...found.keys()] });
  if (readsAsNoProductWork({ model, features })) return [];
  const scores = new Map(scoreDomains({ model, features }).map((score) => [score.domain, score]));
  const matches: RouteMatch[] = [];
  for (const name of names) {
    const score = scores.get(name);
    const match = found.get(name);
    if (!score) {
      if (match) matches.push(match);
      continue;
    }
    if (score.probability < model.threshold) continue;
    const words = score.evidence.filter((feature) => !feature.startsWith('r:')).map(featureText);
    const modelReason = `model ${score.probability.toFixed(2)}${words.length ? ` (${words.join(', ')})` : ''}`;
    matches.push({
      domain: name,
      score: match?.score ?? Math.round(score.probability * 100) / 100,
      reason: match ? `${match.reason}; ${modelReason}` : modelReason,
    });
  }
  return matches.sort((a, b) => b.score - a.score || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

/** `w:banner` → "banner", `b:promo_code` → "promo code". */
function featureText(feature: string): string {
  return `"${feature.slice(2).replace(/_/g, ' ')}"`;
}
