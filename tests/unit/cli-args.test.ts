import { requestFromFlags } from '../../src/cli/args';

describe('CLI flags to request', () => {
  test('flags shape the request', () => {
    const request = requestFromFlags({
      story: 'Add login',
      values: {
        domains: 'auth, ui',
        depends: ['ui:auth'],
        id: 'my-story',
        'budget-tokens': '1000',
        'budget-usd': '2.5',
        'no-fail-fast': true,
        tolerate: '25%',
        'max-fix': '1',
        'phase-ms': '10',
      },
    });
    expect(request).toEqual({
      title: 'Add login',
      storyId: 'my-story',
      domains: ['auth', 'ui'],
      dependencies: { ui: ['auth'] },
      policy: { failFast: false, toleratedFailures: '25%', maxFixAttempts: 1 },
      budget: { tokens: 1000, costUsd: 2.5 },
      executor: { kind: 'simulated', phaseMs: 10 },
    });
  });

  test.each([
    [{ 'budget-tokens': 'many' }, /--budget-tokens must be a number, not "many"/],
    [{ tolerate: 'x' }, /--tolerate must be a number/],
    [{ depends: ['ui'] }, /--depends must look like ui:api,data/],
  ])('bad flag %j is a usage error', (values, message) => {
    expect(() => requestFromFlags({ story: 'x', values })).toThrow(message);
  });

  test('a story is required', () => {
    expect(() => requestFromFlags({ story: undefined, values: {} })).toThrow(/missing the story text/);
  });
});

test('a relative --workspace is sent as an absolute path', () => {
  const request = requestFromFlags({ story: 'x', values: { executor: 'command', workspace: 'some/repo' } });
  expect(request.workspace).toBe(`${process.cwd()}/some/repo`);
  expect(request.executor).toEqual({ kind: 'command' });
});
