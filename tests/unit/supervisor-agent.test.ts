import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askSupervisor } from '../../src/executors/supervisor/ask-supervisor';
import type { SupervisorSettings } from '../../src/executors/supervisor/config';
import { StoryRequestSchema } from '../../src/model/story-request';
import { DEFAULT_CATALOG } from '../../src/planning/default-catalog';
import { planStory } from '../../src/planning/plan-story';

const FAKE_CLAUDE = join(__dirname, '..', 'fakes', 'agents', 'claude');
const dir = mkdtempSync(join(tmpdir(), 'wave-agent-supervisor-'));
const request = StoryRequestSchema.parse({ title: 'Add Google login and a sign-in page' });
const supervisor: SupervisorSettings = {
  agent: 'claude',
  program: FAKE_CLAUDE,
  timeoutMs: 10_000,
  env: ['FAKE_AGENT_ANSWER', 'FAKE_AGENT_MODE', 'FAKE_AGENT_LOG'],
  baseDir: dir,
};

function ask(env: Record<string, string>) {
  return askSupervisor({
    supervisor,
    request,
    storyId: 's1',
    catalog: DEFAULT_CATALOG,
    env: { ...process.env, ...env },
  });
}

describe('an agent as supervisor', () => {
  test('routes by the answer in its final message, gets the story and the catalog, and its spend is in the plan', async () => {
    const log = join(dir, 'calls.jsonl');
    const answer =
      '```json\n{"domains":[{"name":"auth","reason":"Google sign-in"},{"name":"ui","reason":"a sign-in page"}]}\n```';
    const verdict = await ask({ FAKE_AGENT_ANSWER: answer, FAKE_AGENT_LOG: log });
    expect(verdict).toMatchObject({
      ok: true,
      command: 'agent claude',
      answer: { domains: [{ name: 'auth' }, { name: 'ui' }] },
    });
    expect(verdict.usage?.tokens).toBeGreaterThan(0);
    expect(verdict.usage?.costUsd).toBeGreaterThan(0);
    expect(verdict.usage?.estimated).toBe(false);
    const call = JSON.parse(readFileSync(log, 'utf8').trim()) as { stdin: string };
    expect(call.stdin).toContain('Add Google login and a sign-in page');
    expect(call.stdin).toContain('- payments: Money moving');
    const plan = planStory({ request, storyId: 's1', catalog: DEFAULT_CATALOG, supervisor: verdict });
    expect(plan.ok && plan.value.routedBy).toBe('supervisor');
    expect(plan.ok && plan.value.supervisor?.usage).toEqual(verdict.usage);
  });

  test.each([
    ['an auth error', { FAKE_AGENT_MODE: 'auth' }, /^claude failed: .*Invalid API key/],
    ['prose instead of JSON', { FAKE_AGENT_ANSWER: 'auth and ui, I think' }, /printed no JSON object/],
  ])('%s falls back to the built-in router, with the reason', async (_name, env, reason) => {
    const verdict = await ask(env);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.fallback).toMatch(reason);
    const plan = planStory({ request, storyId: 's1', catalog: DEFAULT_CATALOG, supervisor: verdict });
    expect(plan.ok && plan.value.routedBy).toBe('router');
  });
});
