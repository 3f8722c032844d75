import { storyContextOf } from '../../src/workflow-safe/story-context';

const executor = { kind: 'command' as const };

test('inputs recorded before the story context was one object are read as the same context', () => {
  const flat = {
    storyId: 's1',
    title: 'Add Google login',
    description: 'with SSO',
    executor,
    workspace: '/repo',
    baseCommit: 'abc123',
  };
  expect(storyContextOf(flat)).toEqual({
    storyId: 's1',
    title: 'Add Google login',
    description: 'with SSO',
    executor,
    workspace: { root: '/repo', baseCommit: 'abc123' },
  });
  expect(storyContextOf({ storyId: 's2', title: 'Add a page', executor })).toEqual({
    storyId: 's2',
    title: 'Add a page',
    executor,
  });
});

test('a context passed as one object is used as it is', () => {
  const story = { storyId: 's1', title: 'Add login', executor, workspace: { root: '/repo', baseCommit: 'abc' } };
  expect(storyContextOf({ story })).toBe(story);
});
