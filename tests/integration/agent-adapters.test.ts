import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AgentName } from '../../src/executors/agents/adapter';
import { DEFAULT_PRICES } from '../../src/executors/agents/prices';
import { AGENT_ADAPTERS } from '../../src/executors/agents/registry';
import type { AgentProgress } from '../../src/executors/agents/run-agent';
import { runAgent } from '../../src/executors/agents/run-agent';
import type { Usage } from '../../src/model/budget';
import type { Phase } from '../../src/model/phase';

/** The fake CLIs print their real counterpart's documented output format (see tests/fakes/agents/common.js). */
const FAKES = resolve(__dirname, '..', 'fakes', 'agents');
const PLENTY: Usage = { tokens: 10_000_000, costUsd: 100 };

async function runFake(input: {
  agent: AgentName;
  mode?: string;
  phase?: Phase;
  model?: string;
  budgetLeft?: Usage;
  args?: string[];
  prompt?: string;
}) {
  const dir = mkdtempSync(join(tmpdir(), `wave-${input.agent}-`));
  const progress: AgentProgress[] = [];
  const log = join(dir, 'argv.jsonl');
  const outcome = await runAgent({
    adapter: AGENT_ADAPTERS[input.agent],
    program: join(FAKES, input.agent),
    invocation: {
      prompt: input.prompt ?? 'Add Google login',
      phase: input.phase ?? 'implement',
      args: input.args ?? [],
      ...(input.model ? { model: input.model } : {}),
    },
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      WAVE_PHASE: input.phase ?? 'implement',
      WAVE_DOMAIN: 'auth',
      FAKE_AGENT_MODE: input.mode ?? 'ok',
      FAKE_AGENT_LOG: log,
    },
    redact: (text) => text,
    timeoutMs: 20_000,
    signal: new AbortController().signal,
    budgetLeft: input.budgetLeft ?? PLENTY,
    prices: DEFAULT_PRICES,
    scratch: dir,
    onProgress: (p) => progress.push(p),
  });
  const recorded = existsSync(log)
    ? (JSON.parse(readFileSync(log, 'utf8').split('\n')[0] ?? '{}') as { argv: string[]; stdin: string })
    : { argv: [], stdin: '' };
  return {
    ...outcome,
    dir,
    progress,
    argv: recorded.argv,
    prompt: recorded.stdin,
    wrote: existsSync(join(dir, `auth-by-${input.agent}.txt`)),
  };
}

describe('agent adapters read each CLI’s own output', () => {
  it.each([
    // Claude Code reports dollars; its usage lines repeat per content block and count once per message.
    { agent: 'claude' as const, tokens: 80_932, costUsd: 0.042486, estimated: false, session: true },
    // Codex reports tokens only (cached ones inside input_tokens): priced as gpt-5 from the configured model.
    { agent: 'codex' as const, model: 'gpt-5-codex', tokens: 49_770, costUsd: 0.00934, estimated: true, session: true },
    // Gemini reports tokens per model: each model is priced at its own rate.
    { agent: 'gemini' as const, tokens: 20_474, costUsd: 0.018903, estimated: true, session: true },
    // aider reports its own dollars in the analytics log.
    { agent: 'aider' as const, tokens: 25_692, costUsd: 0.096564, estimated: false, session: false },
  ])('$agent: answer, tokens, dollars and session', async ({ agent, model, tokens, costUsd, estimated, session }) => {
    const run = await runFake({ agent, ...(model ? { model } : {}) });
    expect(run.exitCode).toBe(0);
    expect(run.reading.error).toBeUndefined();
    expect(run.reading.finalMessage).toBe(`Implemented the auth part in auth-by-${agent}.txt.`);
    expect(run.wrote).toBe(true);
    expect(run.usage.usage).toEqual({ tokens, costUsd });
    expect(run.usage.estimated).toBe(estimated);
    expect(run.reading.sessionId !== undefined).toBe(session);
  });

  it('reads Gemini’s stream-json events when asked for them', async () => {
    const run = await runFake({ agent: 'gemini', args: ['--output-format', 'stream-json'] });
    expect(run.argv.filter((arg) => arg === '--output-format')).toHaveLength(1);
    expect(run.reading.error).toBeUndefined();
    expect(run.reading.finalMessage).toBe('Implemented the auth part in auth-by-gemini.txt.');
    expect(run.reading.sessionId).toBeDefined();
    // 18,000 input tokens of which 15,900 cached, and 640 output: priced as gemini-2.5-pro.
    expect(run.usage.usage.tokens).toBe(18_640);
    expect(run.usage.usage.costUsd).toBeCloseTo((2_100 * 1.25 + 15_900 * 0.125 + 640 * 10) / 1e6, 5);
  });

  it('reads a stream as it comes: heartbeats carry the session and the tokens used so far', async () => {
    const run = await runFake({ agent: 'claude', mode: 'slow' });
    const final = run.usage.usage.tokens;
    const partial = run.progress.filter((p) => p.usage.tokens > 0 && p.usage.tokens < final);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial[0]?.sessionId).toBe(run.reading.sessionId);
    expect(partial[0]?.usage.costUsd).toBeGreaterThan(0); // priced live from the model's tokens until the CLI's total arrives
  });

  it.each([
    { agent: 'claude' as const, mode: 'auth', kind: 'auth', text: /Invalid API key/ },
    { agent: 'claude' as const, mode: 'api-error', kind: 'transient', text: /529/ },
    { agent: 'claude' as const, mode: 'limit', kind: 'limit', text: /error_max_turns/ },
    { agent: 'codex' as const, mode: 'auth', kind: 'auth', text: /401 Unauthorized/ },
    { agent: 'codex' as const, mode: 'api-error', kind: 'transient', text: /429/ },
    { agent: 'gemini' as const, mode: 'auth', kind: 'auth', text: /Auth method/ },
    { agent: 'gemini' as const, mode: 'limit', kind: 'limit', text: /max session turns/ },
    { agent: 'gemini' as const, mode: 'api-error', kind: 'transient', text: /Internal error/ },
    // aider exits 0 when the model call failed: no `message_send` is the failure.
    { agent: 'aider' as const, mode: 'auth', kind: 'auth', text: /not able to authenticate/ },
  ])('$agent $mode → $kind', async ({ agent, mode, kind, text }) => {
    const run = await runFake({ agent, mode, model: 'gpt-5' });
    expect(run.reading.error?.kind).toBe(kind);
    expect(run.reading.error?.message).toMatch(text);
    expect(run.wrote).toBe(false);
  });

  it.each([
    { agent: 'claude' as const, budgetLeft: { tokens: 10_000_000, costUsd: 0.05 } },
    { agent: 'codex' as const, model: 'gpt-5', budgetLeft: { tokens: 200_000, costUsd: 100 } },
    { agent: 'aider' as const, budgetLeft: { tokens: 10_000_000, costUsd: 0.2 } },
  ])(
    '$agent is stopped in the middle of its stream once over the budget left',
    async ({ agent, model, budgetLeft }) => {
      const run = await runFake({ agent, mode: 'expensive', budgetLeft, ...(model ? { model } : {}) });
      expect(run.stoppedBy).toBe('budget');
      expect(run.wrote).toBe(false); // killed before it finished its work
      expect(run.reading.finalMessage).toBeUndefined();
      const { usage } = run.usage;
      expect(usage.tokens > budgetLeft.tokens || usage.costUsd > budgetLeft.costUsd).toBe(true);
      // Stopped within a few events of going over, not at the end of the 40-step run.
      expect(usage.costUsd).toBeLessThan(budgetLeft.costUsd * 3);
      expect(usage.tokens).toBeLessThan(Math.min(budgetLeft.tokens * 3, 2_000_000));
    },
  );

  it('stops a CLI that reports tokens only as soon as it uses a model without a price', async () => {
    const run = await runFake({ agent: 'codex', mode: 'expensive', model: 'acme-coder-1' });
    expect(run.usage.unpricedModel).toBe('acme-coder-1');
    expect(run.stoppedBy).toBe('budget');
    const unnamed = await runFake({ agent: 'codex' });
    expect(unnamed.usage.unpricedModel).toMatch(/names no model; set "model"/);
  });

  it.each([
    { agent: 'claude' as const, expected: ['--resume', 'sess-1'] },
    { agent: 'codex' as const, expected: ['resume', 'sess-1'] },
    { agent: 'gemini' as const, expected: ['--resume', 'sess-1'] },
  ])('$agent resumes a session with its own option', async ({ agent, expected }) => {
    const dir = mkdtempSync(join(tmpdir(), 'wave-argv-'));
    const { args: argv } = AGENT_ADAPTERS[agent].command({
      prompt: 'go on',
      phase: 'plan',
      args: [],
      resumeSession: 'sess-1',
      logFile: join(dir, 'log'),
    });
    const at = argv.indexOf(expected[0] ?? '');
    expect(argv.slice(at, at + 2)).toEqual(expected);
  });

  it.each(['claude', 'codex', 'gemini', 'aider'] as const)(
    '%s gets a prompt that starts with a dash as the prompt',
    async (agent) => {
      const prompt = '--help me add Google login';
      const run = await runFake({ agent, model: 'gpt-5', prompt });
      expect(run.reading.error).toBeUndefined();
      expect(run.prompt).toBe(prompt);
    },
  );

  it('does not take words in a tool’s output for the CLI’s own error: a crash is retried', async () => {
    const run = await runFake({ agent: 'claude', mode: 'crash-after-tool' });
    expect(run.reading.error?.kind).toBe('transient');
    expect(run.reading.error?.message).toMatch(/claude exited with code 1/);
  });
});
