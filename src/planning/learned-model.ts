/** One logistic output of the model: a bias and a weight per story feature (features without one weigh 0). */
export interface LearnedHead {
  bias: number;
  weights: Record<string, number>;
}

/** A logistic model per domain over story features (trained by `scripts/train-router.ts`). */
export interface LearnedModel {
  /** When and on what the model was trained, for the record. */
  trainedOn: string;
  /** A domain routes when its probability reaches this. */
  threshold: number;
  domains: Record<string, LearnedHead>;
  /**
   * The probability that the story asks for no product work at all (a chore outside the product, however many
   * domain words it mentions): when it reaches its threshold, the story routes nowhere.
   */
  noProductWork?: LearnedHead & { threshold: number };
}

/** One domain's verdict: the probability and the features that pushed it up most. */
export interface DomainScore {
  domain: string;
  probability: number;
  /** Up to three features with the largest positive weight in this story. */
  evidence: string[];
}

/** A head's probability for a story's features, and the features that pushed it up most. Pure. */
function scoreHead(head: LearnedHead, features: readonly string[]): Omit<DomainScore, 'domain'> {
  const present = features
    .map((feature) => [feature, head.weights[feature] ?? 0] as const)
    .filter(([, weight]) => weight !== 0);
  const logit = present.reduce((sum, [, weight]) => sum + weight, head.bias);
  const evidence = present
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([feature]) => feature);
  return { probability: 1 / (1 + Math.exp(-logit)), evidence };
}

/** The model's probability for every domain it knows, from a story's features. Pure and deterministic. */
export function scoreDomains(input: { model: LearnedModel; features: readonly string[] }): DomainScore[] {
  return Object.entries(input.model.domains).map(([domain, head]) => ({
    domain,
    ...scoreHead(head, input.features),
  }));
}

/**
 * Whether the model reads the story as no product work: its `noProductWork` head reaches its threshold (never, for a
 * model without that head). Pure and deterministic.
 */
export function readsAsNoProductWork(input: { model: LearnedModel; features: readonly string[] }): boolean {
  const head = input.model.noProductWork;
  return head !== undefined && scoreHead(head, input.features).probability >= head.threshold;
}
