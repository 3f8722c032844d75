/** A logistic model per domain over story features (trained by `scripts/train-router.ts`). */
export interface LearnedModel {
  /** When and on what the model was trained, for the record. */
  trainedOn: string;
  /** A domain routes when its probability reaches this. */
  threshold: number;
  domains: Record<string, { bias: number; weights: Record<string, number> }>;
}

/** One domain's verdict: the probability and the features that pushed it up most. */
export interface DomainScore {
  domain: string;
  probability: number;
  /** Up to three features with the largest positive weight in this story. */
  evidence: string[];
}

/** The model's probability for every domain it knows, from a story's features. Pure and deterministic. */
export function scoreDomains(input: { model: LearnedModel; features: readonly string[] }): DomainScore[] {
  return Object.entries(input.model.domains).map(([domain, { bias, weights }]) => {
    const present = input.features
      .map((feature) => [feature, weights[feature] ?? 0] as const)
      .filter(([, weight]) => weight !== 0);
    const logit = present.reduce((sum, [, weight]) => sum + weight, bias);
    const evidence = present
      .filter(([, weight]) => weight > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([feature]) => feature);
    return { domain, probability: 1 / (1 + Math.exp(-logit)), evidence };
  });
}
