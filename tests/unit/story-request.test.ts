import { validateStoryRequest } from '../../src/model/story-request';

describe('StoryRequest validation', () => {
  test('fills in the defaults of policy, budget and executor', () => {
    const result = validateStoryRequest({ title: 'Add Google login' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.policy).toMatchObject({
      failFast: true,
      toleratedFailures: 0,
      maxFixAttempts: 3,
      maxParallelDomains: 10,
    });
    expect(result.value.budget).toEqual({ tokens: 500_000, costUsd: 25 });
    expect(result.value.executor.kind).toBe('simulated');
  });

  test.each([
    ['missing title', {}, /title: .*expected string/],
    ['empty title', { title: '   ' }, /title: must not be empty/],
    ['huge title', { title: 'x'.repeat(501) }, /title: must be at most 500 characters/],
    ['huge description', { title: 'x', description: 'y'.repeat(20_001) }, /description: must be at most 20000/],
    ['negative tokens', { title: 'x', budget: { tokens: -5 } }, /budget\.tokens: must be more than 0/],
    ['non-numeric dollars', { title: 'x', budget: { costUsd: 'lots' } }, /budget\.costUsd: .*expected number/],
    ['fractional tokens', { title: 'x', budget: { tokens: 1.5 } }, /budget\.tokens: must be a whole number/],
    [
      'tolerance over 100%',
      { title: 'x', policy: { toleratedFailures: '120%' } },
      /policy\.toleratedFailures: must be at most 100%/,
    ],
    ['negative tolerance', { title: 'x', policy: { toleratedFailures: -1 } }, /policy\.toleratedFailures/],
    ['tolerance word', { title: 'x', policy: { toleratedFailures: 'some' } }, /policy\.toleratedFailures/],
    ['zero parallelism', { title: 'x', policy: { maxParallelDomains: 0 } }, /policy\.maxParallelDomains: Too small/],
    ['bad story id', { title: 'x', storyId: 'Has Spaces!' }, /storyId: must be 1-64 characters/],
    ['bad domain name', { title: 'x', domains: ['Auth!'] }, /domains\.0: must be a domain name/],
    ['empty domain list', { title: 'x', domains: [] }, /domains: must name at least one domain/],
    ['repeated domain', { title: 'x', domains: ['auth', 'auth'] }, /domains: must not repeat a domain/],
    [
      'unknown executor',
      { title: 'x', executor: { kind: 'quantum' } },
      /executor\.kind: unknown executor kind "quantum"/,
    ],
    ['unknown field', { title: 'x', colour: 'red' }, /request: Unrecognized key: "colour"/],
    ['not an object', 'Add login', /request: .*expected object/],
    [
      'retry ceiling below the first delay',
      { title: 'x', policy: { retry: { initialIntervalMs: 60_000, maximumIntervalMs: 1000 } } },
      /policy\.retry\.maximumIntervalMs: must be at least initialIntervalMs/,
    ],
    ['relative workspace', { title: 'x', workspace: 'repo' }, /workspace: must be an absolute path/],
    [
      'command executor without workspace',
      { title: 'x', executor: { kind: 'command' } },
      /workspace: the command executor needs a workspace/,
    ],
    [
      'bad simulated failure phase',
      {
        title: 'x',
        executor: { kind: 'simulated', domains: { auth: { failures: [{ phase: 'deploy', kind: 'transient' }] } } },
      },
      /executor\.domains\.auth\.failures\.0\.phase/,
    ],
  ])('%s is rejected with a message naming the field', (_name, input, message) => {
    const result = validateStoryRequest(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^invalid story request: /);
    expect(result.message).toMatch(message);
    expect(result.message).not.toContain('\n');
  });
});
