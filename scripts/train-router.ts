/**
 * Trains the built-in router's learned model (src/planning/router-model.json): one logistic regression per domain
 * over the story features of `src/planning/story-features.ts`, by full-batch gradient descent (deterministic: same
 * data, same model).
 *
 * Each story is learned twice: with the domains the vocabulary found and without them. A model that always has the
 * vocabulary's verdict learns to lean on it; stories in the wild use words the vocabulary lacks, and then only the
 * weights of the words themselves can route them.
 *
 * The settings (L2 strength, threshold) are chosen by leave-one-set-out cross-validation over the sets written by
 * writers the vocabulary was never tuned on: each is held out in turn, a model is trained on all the other sets and
 * scored on it, and the settings with the best F1 pooled over the held-out sets win (a figure for stories by a writer
 * the model has not read). The final model is trained on every set. The last held-out set is never read here.
 *
 *   TS_NODE_TRANSPILE_ONLY=1 npx ts-node scripts/train-router.ts [--write]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CATALOG } from '../src/planning/default-catalog';
import type { LearnedModel } from '../src/planning/learned-model';
import { routeStory } from '../src/planning/routing';
import { storyFeatures } from '../src/planning/story-features';
import { routeStoryWithModel } from '../src/planning/story-router';
import type { LabelledStory, RoutingMetrics } from '../tests/fixtures/routing-eval';
import { evaluateRouter, formatMetricsTable } from '../tests/fixtures/routing-eval';
import { HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-2';
import { THIRD_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-3';
import { FOURTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-4';
import { FIFTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-5';
import { SIXTH_HELD_OUT_STORIES } from '../tests/fixtures/routing-heldout-6';
import { LABELLED_STORIES } from '../tests/fixtures/routing-stories';
import { TRAINING_STORIES_1 } from '../tests/fixtures/routing-training-1';
import { TRAINING_STORIES_2 } from '../tests/fixtures/routing-training-2';
import { TRAINING_STORIES_3 } from '../tests/fixtures/routing-training-3';
import { TRAINING_STORIES_4 } from '../tests/fixtures/routing-training-4';
import { TRAINING_STORIES_5 } from '../tests/fixtures/routing-training-5';
import { TRAINING_STORIES_6 } from '../tests/fixtures/routing-training-6';
import { TRAINING_STORIES_7 } from '../tests/fixtures/routing-training-7';
import { TRAINING_STORIES_8 } from '../tests/fixtures/routing-training-8';
import { TRAINING_STORIES_9 } from '../tests/fixtures/routing-training-9';
import { TUNING_STORIES } from '../tests/fixtures/routing-tuning';

const DOMAINS = DEFAULT_CATALOG.domains.map((domain) => domain.name);

interface TrainingSet {
  name: string;
  stories: readonly LabelledStory[];
  /** Held out in turn to choose the settings: written by a writer the vocabulary was never tuned on. */
  fold: boolean;
}

/**
 * Every labelled set but two: the first held-out set, whose labeller counted the surface a capability implies as ui
 * work (a looser rule than the others'), and the last held-out set, kept for the figure on unseen stories.
 */
const SETS: readonly TrainingSet[] = [
  { name: 'original', stories: LABELLED_STORIES, fold: false },
  { name: 'tuning', stories: TUNING_STORIES, fold: false },
  { name: 'held-out 2', stories: HELD_OUT_STORIES, fold: false },
  { name: 'training 1', stories: TRAINING_STORIES_1, fold: false },
  { name: 'training 2', stories: TRAINING_STORIES_2, fold: false },
  { name: 'training 3', stories: TRAINING_STORIES_3, fold: false },
  { name: 'held-out 3', stories: THIRD_HELD_OUT_STORIES, fold: true },
  { name: 'held-out 4', stories: FOURTH_HELD_OUT_STORIES, fold: true },
  { name: 'held-out 5', stories: FIFTH_HELD_OUT_STORIES, fold: true },
  { name: 'training 4', stories: TRAINING_STORIES_4, fold: true },
  { name: 'training 5', stories: TRAINING_STORIES_5, fold: true },
  { name: 'training 6', stories: TRAINING_STORIES_6, fold: true },
  { name: 'held-out 6', stories: SIXTH_HELD_OUT_STORIES, fold: true },
  { name: 'training 7', stories: TRAINING_STORIES_7, fold: true },
  { name: 'training 8', stories: TRAINING_STORIES_8, fold: true },
  { name: 'training 9', stories: TRAINING_STORIES_9, fold: true },
];
const LAMBDAS = [0.0003, 0.001];
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const EPOCHS = 1500;
const LEARNING_RATE = 1;
/** Features seen in fewer training stories are left out (they would only memorise). */
const MIN_STORIES = 2;
/**
 * Smaller weights are dropped from the model: they move a probability by little (cross-validated F1 within 0.005 of
 * keeping every weight above 0.01) and would make the file several times larger.
 */
const MIN_WEIGHT = 0.1;

interface Example {
  features: string[];
  domains: Set<string>;
}

/** Each story twice: with the domains the vocabulary found (as a run sees it) and without them. */
function examplesOf(stories: readonly LabelledStory[]): Example[] {
  return stories.flatMap((story) => {
    const domains = new Set(story.domains);
    const vocabularyDomains = routeStory({ text: story.text, catalog: DEFAULT_CATALOG }).map((match) => match.domain);
    return [
      { features: storyFeatures({ text: story.text, vocabularyDomains }), domains },
      { features: storyFeatures({ text: story.text, vocabularyDomains: [] }), domains },
    ];
  });
}

function train(input: { examples: Example[]; lambda: number; threshold: number; trainedOn: string }): LearnedModel {
  const counts = new Map<string, number>();
  input.examples.forEach((example) => example.features.forEach((f) => counts.set(f, (counts.get(f) ?? 0) + 1)));
  const vocabulary = [...counts.entries()]
    .filter(([, n]) => n >= MIN_STORIES)
    .map(([feature]) => feature)
    .sort();
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const rows = input.examples.map((example) =>
    example.features.map((feature) => index.get(feature)).filter((i): i is number => i !== undefined),
  );
  const domains: LearnedModel['domains'] = {};
  for (const domain of DOMAINS) {
    const weights = new Float64Array(vocabulary.length);
    let bias = 0;
    const n = input.examples.length;
    for (let epoch = 0; epoch < EPOCHS; epoch += 1) {
      const gradient = new Float64Array(vocabulary.length);
      let biasGradient = 0;
      rows.forEach((row, i) => {
        const logit = row.reduce((sum, f) => sum + (weights[f] ?? 0), bias);
        const error = 1 / (1 + Math.exp(-logit)) - (input.examples[i]?.domains.has(domain) ? 1 : 0);
        row.forEach((f) => (gradient[f] = (gradient[f] ?? 0) + error));
        biasGradient += error;
      });
      for (let f = 0; f < weights.length; f += 1)
        weights[f] = (weights[f] ?? 0) - LEARNING_RATE * ((gradient[f] ?? 0) / n + input.lambda * (weights[f] ?? 0));
      bias -= (LEARNING_RATE * biasGradient) / n;
    }
    const kept: Record<string, number> = {};
    vocabulary.forEach((feature, f) => {
      const weight = Math.round((weights[f] ?? 0) * 1000) / 1000;
      if (Math.abs(weight) >= MIN_WEIGHT) kept[feature] = weight;
    });
    domains[domain] = { bias: Math.round(bias * 1000) / 1000, weights: kept };
  }
  return { trainedOn: input.trainedOn, threshold: input.threshold, domains };
}

function metricsOf(model: LearnedModel, stories: readonly LabelledStory[]): RoutingMetrics {
  return evaluateRouter(
    (text) => routeStoryWithModel({ text, catalog: DEFAULT_CATALOG, model }).map((m) => m.domain),
    stories,
  );
}

function f1(counts: { tp: number; fp: number; fn: number }): { precision: number; recall: number; f1: number } {
  const precision = counts.tp / (counts.tp + counts.fp || 1);
  const recall = counts.tp / (counts.tp + counts.fn || 1);
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

interface Candidate {
  lambda: number;
  threshold: number;
  /** Pooled over the held-out folds. */
  precision: number;
  recall: number;
  f1: number;
  folds: Array<{ name: string; metrics: RoutingMetrics }>;
}

/** Every setting scored by leave-one-set-out cross-validation, best pooled F1 (then recall) first. */
function crossValidate(): Candidate[] {
  const scored = new Map<string, Candidate>();
  for (const held of SETS.filter((set) => set.fold)) {
    const examples = examplesOf(SETS.filter((set) => set !== held).flatMap((set) => set.stories));
    for (const lambda of LAMBDAS) {
      const model = train({ examples, lambda, threshold: 0.5, trainedOn: 'cross-validation' });
      for (const threshold of THRESHOLDS) {
        const key = `${lambda}/${threshold}`;
        const candidate = scored.get(key) ?? { lambda, threshold, precision: 0, recall: 0, f1: 0, folds: [] };
        candidate.folds.push({ name: held.name, metrics: metricsOf({ ...model, threshold }, held.stories) });
        scored.set(key, candidate);
      }
    }
  }
  return [...scored.values()]
    .map((candidate) => ({
      ...candidate,
      ...f1(
        candidate.folds.reduce(
          (sum, { metrics }) => ({
            tp: sum.tp + metrics.truePositives,
            fp: sum.fp + metrics.falsePositives,
            fn: sum.fn + metrics.falseNegatives,
          }),
          { tp: 0, fp: 0, fn: 0 },
        ),
      ),
    }))
    .sort((a, b) => b.f1 - a.f1 || b.recall - a.recall);
}

function run(): void {
  const candidates = crossValidate();
  console.log('Leave-one-set-out cross-validation, pooled over the held-out sets, best settings first:');
  candidates.slice(0, 6).forEach((c) => {
    const figures = [c.precision, c.recall, c.f1].map((x) => x.toFixed(3)).join(' / ');
    console.log(`  L2 ${c.lambda}, threshold ${c.threshold}: P / R / F1 ${figures}`);
  });
  const best = candidates[0];
  if (!best) throw new Error('no candidate');
  console.log(`\nEach held-out set with the best settings (a model trained on all the other sets):`);
  console.log(formatMetricsTable(best.folds));
  const stories = SETS.flatMap((set) => set.stories);
  const model = train({
    examples: examplesOf(stories),
    lambda: best.lambda,
    threshold: best.threshold,
    trainedOn: `${stories.length} labelled stories (tests/fixtures/routing-*.ts but the first and the last held-out set), each with and without the vocabulary's domains; L2 ${best.lambda}, threshold ${best.threshold}, chosen by leave-one-set-out cross-validation (pooled F1 ${best.f1.toFixed(3)})`,
  });
  const size = Object.values(model.domains).reduce((sum, d) => sum + Object.keys(d.weights).length, 0);
  console.log(`\nFinal model: ${stories.length} stories, ${size} weights`);
  console.log(formatMetricsTable([{ name: 'training sets', metrics: metricsOf(model, stories) }]));
  if (process.argv.includes('--write'))
    writeFileSync(join(__dirname, '..', 'src', 'planning', 'router-model.json'), `${JSON.stringify(model)}\n`);
}

run();
