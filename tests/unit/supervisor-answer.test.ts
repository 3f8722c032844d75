import { StoryRequestSchema } from '../../src/model/story-request';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import { readSupervisorAnswer } from '../../src/planning/supervisor-answer';
import { supervisorInput } from '../../src/planning/supervisor-input';

function read(stdout: string) {
  return readSupervisorAnswer({ stdout, catalog: DEFAULT_CATALOG });
}

const answer = (value: object) => JSON.stringify(value);

describe('supervisor answer', () => {
  test('takes the last JSON object line after log lines, and ignores fields it does not read', () => {
    const result = read(
      [
        'thinking…',
        answer({ domains: [{ name: 'ui', reason: 'an earlier draft' }] }),
        '{not json either',
        answer({ domains: [{ name: 'auth', reason: ' sign-in\nwith Google ' }], model: 'x' }),
        '',
      ].join('\n'),
    );
    expect(result).toEqual({ ok: true, value: { domains: [{ name: 'auth', reason: 'sign-in with Google' }] } });
  });

  test('takes a pretty-printed answer as a whole', () => {
    const stdout = JSON.stringify(
      { domains: [{ name: 'payments', reason: 'checkout' }], dependencies: { payments: [] } },
      null,
      2,
    );
    expect(read(stdout)).toMatchObject({ ok: true, value: { domains: [{ name: 'payments' }] } });
  });

  test('takes an agent answer wrapped in a code fence and a sentence', () => {
    const message = 'Here is the routing:\n```json\n{"domains": [{"name": "auth", "reason": "SSO"}]}\n```\nDone.';
    expect(read(message)).toMatchObject({ ok: true, value: { domains: [{ name: 'auth', reason: 'SSO' }] } });
  });

  test('an empty list of domains is an answer: the story needs no product work', () => {
    expect(read(answer({ domains: [] }))).toEqual({ ok: true, value: { domains: [] } });
  });

  test.each([
    ['no output', '', /^printed nothing on stdout$/],
    ['garbage', 'hello\nnot json at all', /^printed no JSON object on stdout \(last line: "not json at all"\)$/],
    ['a JSON array', '[{"name":"auth"}]', /printed no JSON object/],
    [
      'an unknown domain',
      answer({ domains: [{ name: 'billing', reason: 'money' }] }),
      /domains\.0\.name: unknown domain "billing" \(known: auth, payments/,
    ],
    [
      'a domain twice',
      answer({
        domains: [
          { name: 'auth', reason: 'a' },
          { name: 'auth', reason: 'b' },
        ],
      }),
      /domains\.1\.name: "auth" is named twice/,
    ],
    ['an empty reason', answer({ domains: [{ name: 'auth', reason: '  ' }] }), /domains\.0\.reason: must not be empty/],
    [
      'a reason too long',
      answer({ domains: [{ name: 'auth', reason: 'x'.repeat(501) }] }),
      /domains\.0\.reason: must be at most 500 characters/,
    ],
    ['a reason missing', answer({ domains: [{ name: 'auth' }] }), /domains\.0\.reason: .*expected string/],
    [
      'a dependency on a domain not chosen',
      answer({ domains: [{ name: 'ui', reason: 'page' }], dependencies: { ui: ['api'] } }),
      /dependencies\.ui: "api" not among the chosen domains/,
    ],
  ])('%s is not an answer, and says why', (_name, stdout, message) => {
    const result = read(stdout);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test('a long garbage line is shortened in the reason', () => {
    const result = read('x'.repeat(1000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(200);
  });
});

describe('supervisor input', () => {
  test('is version 1 with the story and each domain of the catalog', () => {
    const request = StoryRequestSchema.parse({ title: 'Add Google login', description: 'for teams' });
    const input = supervisorInput({ request, storyId: 's1', catalog: DEFAULT_CATALOG });
    expect(input.version).toBe(1);
    expect(input.story).toEqual({ storyId: 's1', title: 'Add Google login', description: 'for teams' });
    expect(input.catalog.map((d) => d.name)).toEqual(DEFAULT_CATALOG.domains.map((d) => d.name));
    expect(input.catalog[0]).toEqual({
      name: 'auth',
      description: expect.any(String),
      critical: true,
      dependsOn: [],
    });
  });
});
