import type { StoryRequestInput } from '../../src/model/story-request';
import { StoryRequestSchema } from '../../src/model/story-request';
import type { SupervisorAnswer, SupervisorVerdict } from '../../src/model/supervisor-contract';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import { planStory } from '../../src/planning/plan-story';

const heard = { command: './route.js', durationMs: 1200 };

function plan(input: { request: StoryRequestInput; supervisor?: SupervisorVerdict }) {
  const result = planStory({
    request: StoryRequestSchema.parse(input.request),
    storyId: 's1',
    catalog: DEFAULT_CATALOG,
    ...(input.supervisor ? { supervisor: input.supervisor } : {}),
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const answered = (answer: SupervisorAnswer): SupervisorVerdict => ({ ...heard, ok: true, answer });

describe('planning with a supervisor verdict', () => {
  test('a supervisor that finds no product work stops planning with a clear message, and its spend is kept', () => {
    expect(() => plan({ request: { title: 'Book the team offsite' }, supervisor: answered({ domains: [] }) })).toThrow(
      /the supervisor \(\.\/route\.js\) found no product work in the story; name its domains explicitly/,
    );
    const spent = { tokens: 900, costUsd: 0.004, estimated: false };
    const result = plan({
      request: { title: 'Add Google login' },
      supervisor: { ...answered({ domains: [{ name: 'auth', reason: 'SSO' }] }), usage: spent },
    });
    expect(result.supervisor).toEqual({ ...heard, usage: spent });
  });

  test('the supervisor decides: its domains, reasons and dependencies, merged with the request and catalog', () => {
    const result = plan({
      request: { title: 'Add Google login', dependencies: { ui: ['payments'] } },
      supervisor: answered({
        domains: [
          { name: 'payments', reason: 'checkout with Stripe' },
          { name: 'auth', reason: 'sign-in with Google' },
          { name: 'ui', reason: 'a login page' },
        ],
        dependencies: { payments: ['auth'] },
      }),
    });
    expect(result.routedBy).toBe('supervisor');
    expect(result.supervisor).toEqual({ command: './route.js', durationMs: 1200 });
    expect(result.domains.map((d) => [d.name, d.reason, d.dependsOn])).toEqual([
      ['payments', 'checkout with Stripe', ['auth']],
      ['auth', 'sign-in with Google', []],
      ['ui', 'a login page', ['payments']],
    ]);
    expect(result.layers).toEqual([['auth'], ['payments'], ['ui']]);
    // Critical flags and weights still come from the catalog.
    expect(result.domains.find((d) => d.name === 'payments')).toMatchObject({ critical: true, weight: 1.2 });
  });

  test('a failed supervisor leaves routing to the built-in router and the plan says why', () => {
    const result = plan({
      request: { title: 'Add Google login and Stripe checkout' },
      supervisor: { ...heard, ok: false, fallback: 'exit code 2: no API key' },
    });
    expect(result.routedBy).toBe('router');
    expect(result.supervisor).toEqual({ ...heard, fallback: 'exit code 2: no API key' });
    expect(result.domains.map((d) => d.name).sort()).toEqual(['auth', 'payments']);
    expect(result.domains[0]?.reason).toMatch(/matched/);
  });

  test('a dependency cycle the supervisor made is a fallback, not a failed plan', () => {
    const result = plan({
      request: { title: 'Add Google login and Stripe checkout' },
      supervisor: answered({
        domains: [
          { name: 'auth', reason: 'a' },
          { name: 'payments', reason: 'b' },
        ],
        dependencies: { auth: ['payments'], payments: ['auth'] },
      }),
    });
    expect(result.routedBy).toBe('router');
    expect(result.supervisor?.fallback).toMatch(
      /^dependencies: cycle (auth → payments → auth|payments → auth → payments)$/,
    );
  });

  test('domains named in the request win, and the verdict is not recorded', () => {
    const result = plan({
      request: { title: 'x', domains: ['data'] },
      supervisor: answered({ domains: [{ name: 'auth', reason: 'a' }] }),
    });
    expect(result.routedBy).toBe('request');
    expect(result.supervisor).toBeUndefined();
    expect(result.domains.map((d) => d.name)).toEqual(['data']);
  });

  test('without a supervisor nothing changes: the built-in router, no supervisor record', () => {
    const result = plan({ request: { title: 'Add Google login' } });
    expect(result.routedBy).toBe('router');
    expect(result.supervisor).toBeUndefined();
  });

  test('when the built-in router cannot route either, the error says why the supervisor was not used', () => {
    const result = planStory({
      request: StoryRequestSchema.parse({ title: 'Update the copyright notice wording' }),
      storyId: 's1',
      catalog: DEFAULT_CATALOG,
      supervisor: { ...heard, ok: false, fallback: 'cancelled' },
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/routes to no domain.*\(the supervisor \.\/route\.js was not used: cancelled\)$/),
    });
  });
});
