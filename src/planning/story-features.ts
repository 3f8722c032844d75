import { storyWords } from './routing';

/**
 * The features the learned router reads from a story: each word's base forms (`w:screen`), each pair of
 * neighbouring words (`b:promo_code`), and each domain the vocabulary router routes to (`r:payments`), so that the
 * model learns how far to trust the vocabulary and what it misses.
 */
export function storyFeatures(input: { text: string; vocabularyDomains: readonly string[] }): string[] {
  const words = storyWords(input.text);
  const features = new Set<string>();
  words.forEach(({ word, forms }, index) => {
    forms.forEach((form) => features.add(`w:${form}`));
    if (forms.size === 0) features.add(`w:${word}`);
    const next = words[index + 1];
    if (next) features.add(`b:${word}_${next.word}`);
  });
  input.vocabularyDomains.forEach((domain) => features.add(`r:${domain}`));
  return [...features];
}
