import type { DomainProgress, StoryProgress } from '../../src/model/progress';
import { DETAILS_MAX_ROWS, storyDetailsMarkdown } from '../../src/workflow-safe/details-markdown';

function progress(domains: DomainProgress[]): StoryProgress {
  return {
    storyId: 's',
    title: 'Wide | story',
    stage: 'running',
    startedAt: '',
    currentLayer: 0,
    layerCount: 1,
    domains,
  };
}

const domain = (name: string, status: DomainProgress['status']): DomainProgress => ({
  name,
  critical: false,
  layer: 0,
  status,
});

describe('the current-details table of a story', () => {
  test('lists every domain of a small story and escapes user text', () => {
    const text = storyDetailsMarkdown(
      progress([domain('auth', 'succeeded'), { ...domain('ui', 'failed'), error: 'a|b' }]),
    );
    expect(text).toMatch(/^\*\*Wide \\\| story\*\*/);
    expect(text).toContain('| auth | no | 0 | succeeded |');
    expect(text).toContain('| ui | no | 0 | **failed** |  |  | a\\|b |');
  });

  test('a wide fan-out lists only the domains running or not succeeded, with the counts of all', () => {
    const domains = Array.from({ length: 200 }, (_, i) =>
      domain(`d${i}`, i < 150 ? 'succeeded' : i < 190 ? 'pending' : i < 197 ? 'running' : 'failed'),
    );
    const text = storyDetailsMarkdown(progress(domains));
    expect(text).toContain('200 domains: 150 succeeded, 40 pending, 7 running, 3 failed.');
    const rows = text.split('\n').filter((line) => /^\| d\d+ /.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(
      [190, 191, 192, 193, 194, 195, 196, 197, 198, 199].map((i) => `| d${i}`),
    );
  });

  test('never shows more than the row limit', () => {
    const domains = Array.from({ length: 300 }, (_, i) => domain(`d${i}`, 'running'));
    const text = storyDetailsMarkdown(progress(domains));
    expect(text.split('\n').filter((line) => /^\| d\d+ /.test(line))).toHaveLength(DETAILS_MAX_ROWS);
    expect(text).toContain(`(the first ${DETAILS_MAX_ROWS} of 300)`);
  });
});
