import { createHash } from 'node:crypto';
import { DEFAULT_SUPERVISOR_PROMPT } from '../../src/planning/supervisor-prompt';
import { recordedAnswers, recordedSupervisorRouter } from '../fixtures/recorded-supervisor';
import type { LabelledStory } from '../fixtures/routing-eval';
import { evaluateRouter } from '../fixtures/routing-eval';
import { TENTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-10';
import { FOURTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-4';
import { FIFTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-5';
import { SIXTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-6';
import { SEVENTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-7';
import { EIGHTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-8';
import { NINTH_HELD_OUT_STORIES } from '../fixtures/routing-heldout-9';

/**
 * The agent supervisor on the held-out sets: the answers a Claude model gave to WAVE's routing prompt, one story at a
 * time and without the labels, read through the same answer checks, fallback and planning as a run. Floors are the
 * measured figures rounded down (the figures in the README).
 */

/** The routing prompt the answers were recorded with: a changed prompt needs its answers recorded again. */
const RECORDED_PROMPT_SHA256 = 'e05bacb4e0dea8c8ab6ce0230e4665499f84d56999e4b95c309990cb82129d9a';

describe('recorded agent-supervisor answers', () => {
  it('were given to the routing prompt WAVE sends today', () => {
    expect(createHash('sha256').update(DEFAULT_SUPERVISOR_PROMPT).digest('hex')).toBe(RECORDED_PROMPT_SHA256);
  });

  it.each<[string, string, readonly LabelledStory[], { f1: number; recall: number; precision: number }]>([
    ['held-out 4', 'heldout-4', FOURTH_HELD_OUT_STORIES, { f1: 0.98, recall: 0.98, precision: 0.98 }],
    ['held-out 5', 'heldout-5', FIFTH_HELD_OUT_STORIES, { f1: 0.97, recall: 0.96, precision: 0.99 }],
    ['held-out 6', 'heldout-6', SIXTH_HELD_OUT_STORIES, { f1: 0.99, recall: 0.99, precision: 0.99 }],
    ['held-out 7', 'heldout-7', SEVENTH_HELD_OUT_STORIES, { f1: 0.99, recall: 0.99, precision: 0.99 }],
    ['held-out 8', 'heldout-8', EIGHTH_HELD_OUT_STORIES, { f1: 0.99, recall: 0.98, precision: 0.99 }],
    ['held-out 9', 'heldout-9', NINTH_HELD_OUT_STORIES, { f1: 0.99, recall: 0.98, precision: 0.99 }],
    ['held-out 10', 'heldout-10', TENTH_HELD_OUT_STORIES, { f1: 0.99, recall: 0.99, precision: 0.99 }],
  ])('route the %s stories above the target of F1 0.95 and recall 0.93', (_, set, stories, floors) => {
    const answers = recordedAnswers({ set });
    expect(stories.filter((story) => !answers.has(story.text))).toEqual([]);
    const metrics = evaluateRouter(recordedSupervisorRouter(answers), stories);
    expect(metrics.f1).toBeGreaterThanOrEqual(floors.f1);
    expect(metrics.recall).toBeGreaterThanOrEqual(floors.recall);
    expect(metrics.precision).toBeGreaterThanOrEqual(floors.precision);
  });
});
