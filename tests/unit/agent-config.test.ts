import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config';
import { DEFAULT_PRICES, costOf, priceOf } from '../../src/executors/agents/prices';
import { DEFAULT_PROMPTS, promptValues, renderPrompt, verdictOf } from '../../src/executors/agents/prompt';
import { resolveSecrets } from '../../src/executors/command/secrets';
import type { PhaseInput } from '../../src/model/phase-input';

function configError(command: object): string {
  try {
    parseConfig({ data: { executors: { command } }, baseDir: '/tmp' });
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('agent settings', () => {
  it('accept an agent per phase, with model, args, prompt, secrets and prices', () => {
    const config = parseConfig({
      baseDir: '/tmp',
      data: {
        executors: {
          command: {
            phases: {
              implement: {
                agent: 'claude',
                args: ['--max-turns', '20'],
                model: 'claude-sonnet-4-5',
                env: ['ANTHROPIC_API_KEY'],
                prompt: 'Do {{domain}} for {{story}}',
              },
            },
            secrets: { OPENAI_API_KEY: { env: 'WAVE_OPENAI_KEY' } },
            prices: { 'acme-coder': { input: 1, output: 2 } },
          },
        },
      },
    });
    expect(config.executors.command?.phases.implement).toMatchObject({ agent: 'claude', timeoutMs: 600_000 });
  });

  it.each([
    [{ phases: { plan: { agent: 'claude', command: './plan.sh' } } }, /set either "command" or "agent"/],
    [{ phases: { plan: { timeoutMs: 1000 } } }, /set either "command" or "agent"/],
    [{ phases: { plan: { command: './plan.sh', model: 'gpt-5' } } }, /model only apply to an "agent"/],
    [{ phases: { plan: { agent: 'cursor' } } }, /agent/],
    [{ prompts: { plan: 'Plan {{stroy}}' } }, /unknown placeholder \{\{stroy\}\}/],
    [{ secrets: { KEY: { value: 'sk-123' } } }, /secrets/],
    [{ prices: { 'gpt-5': { input: -1, output: 2 } } }, /prices/],
  ])('reject %j with a clear message', (command, message) => {
    expect(configError(command)).toMatch(message);
  });
});

describe('prices', () => {
  it('match a dated model name by its family and price every kind of token', () => {
    expect(priceOf({ model: 'claude-sonnet-4-5-20250929', prices: DEFAULT_PRICES })).toEqual(
      DEFAULT_PRICES['claude-sonnet-4'],
    );
    expect(priceOf({ model: 'gpt-5-mini-2025-08-07', prices: DEFAULT_PRICES })).toEqual(DEFAULT_PRICES['gpt-5-mini']);
    expect(priceOf({ model: 'gpt-50', prices: DEFAULT_PRICES })).toBeUndefined();
    expect(priceOf({ model: 'acme-coder-1', prices: DEFAULT_PRICES })).toBeUndefined();
    const price = { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 };
    const tokens = { input: 1_000_000, output: 100_000, cacheRead: 2_000_000, cacheWrite: 400_000 };
    expect(costOf({ tokens, price })).toBeCloseTo(3 + 1.5 + 0.6 + 1.5, 9);
  });
});

describe('prompts', () => {
  const phase: PhaseInput = {
    story: {
      storyId: 's-1',
      title: 'Add Google login',
      executor: { kind: 'command' },
    } as PhaseInput['story'],
    domain: 'auth',
    phase: 'implement',
    iteration: 1,
    plan: 'change src/auth.js',
    feedback: 'not ok 1 - login redirects',
    budgetLeft: { tokens: 12_000, costUsd: 0.5 },
  };

  it('carry the story, plan, fix-loop feedback and the budget left', () => {
    const prompt = renderPrompt({
      template: DEFAULT_PROMPTS.implement,
      values: promptValues({ phase, branch: 'wave/s-1/auth', testReport: '/tmp/r' }),
    });
    expect(prompt).toContain('Story (s-1): Add Google login');
    expect(prompt).toContain('change src/auth.js');
    expect(prompt).toContain('not ok 1 - login redirects');
    expect(prompt).toContain('12,000 tokens, $0.500');
    expect(prompt).toContain('wave/s-1/auth');
  });

  it.each([
    ['Looks fine.\nVERDICT: APPROVE', 'pass'],
    ['VERDICT: REJECT — the plan names no file', 'fail'],
    ['3 failed\nverdict: fail', 'fail'],
    ['VERDICT: APPROVE\nOn second thought…\nVERDICT: REJECT', 'fail'],
    ['no verdict here', undefined],
  ])('read the verdict of %j', (text, verdict) => {
    expect(verdictOf(text)).toBe(verdict);
  });
});

describe('secrets by reference', () => {
  it('read from the worker environment or a file, and name what is missing without a value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-secrets-'));
    writeFileSync(join(dir, 'key'), 'sk-file-123456\nignored\n');
    expect(
      resolveSecrets({
        refs: { A: { env: 'SOURCE_A' }, B: { file: 'key' } },
        baseDir: dir,
        source: { SOURCE_A: 'sk-env-123456' },
      }),
    ).toEqual({ A: 'sk-env-123456', B: 'sk-file-123456' });
    expect(() => resolveSecrets({ refs: { A: { env: 'MISSING' } }, baseDir: dir, source: {} })).toThrow(
      'secret A: the worker has no environment variable MISSING',
    );
    expect(() => resolveSecrets({ refs: { B: { file: 'nope' } }, baseDir: dir, source: {} })).toThrow(
      /secret B: cannot read .*nope \(ENOENT\)/,
    );
  });
});
