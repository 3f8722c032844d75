import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledFailure } from '@temporalio/common';
import type { Usage } from '../../model/budget';
import type { PhaseInput } from '../../model/phase-input';
import type { PhaseFindings, PhaseResult, TestCounts } from '../../model/results';
import { executorMisconfigured, waveFailure } from '../../workflow-safe/failure-types';
import { ZERO_USAGE, addUsage, isOver, remaining } from '../../workflow-safe/usage';
import { redactor, secretValues } from '../redact';
import type { Executor, PhaseContext } from '../types';
import type { StepOutcome } from './agent-step';
import { runAgentStep } from './agent-step';
import { runApprovalHook } from './approval-hook';
import { carriedSpend } from './attempt-spend';
import type { Clone } from './clone-cache';
import { openClone, pushBranch } from './clone-cache';
import { argvOf, commandFor } from './command-line';
import type { CommandExecutorConfig, PhaseRun } from './config';
import { mergeRun } from './merge-run';
import { lastChars, summaryFromLine, usageFromLine } from './output-lines';
import { phaseEnv } from './phase-env';
import { prepareRun } from './prepare-run';
import { SpawnError, killStaleGroup, runProcess } from './process-runner';
import { resolveSecrets } from './secrets';
import { parseTestReport } from './test-report';
import type { DomainWorktree } from './workspace';
import {
  MergeConflict,
  cleanWorktree,
  commitAll,
  domainBranch,
  ensureWorktree,
  headOf,
  worktreePath,
} from './workspace';
import { setUpWorktree } from './worktree-commands';

/**
 * The command executor: each phase runs a configured command in the domain's own git worktree (branch
 * `wave/<storyId>/<domain>`); implement commits its changes there; test counts come from the exit code or a
 * JUnit/TAP report; `WAVE_USAGE` lines count against the budget.
 */
export function createCommandExecutor(config: CommandExecutorConfig): Executor {
  return {
    kind: 'command',
    prepareRun: (input) => prepareRun({ config, ...input }),
    mergeRun: (input, context) => mergeRun({ config, ...input, signal: context.signal, heartbeat: context.heartbeat }),
    afterApproval: (approval, context) =>
      runApprovalHook({ config, approval, signal: context.signal, heartbeat: context.heartbeat }),
    runPhase: (input, context) => runPhase({ config, input, context }),
  };
}

async function runPhase(args: {
  config: CommandExecutorConfig;
  input: PhaseInput;
  context: PhaseContext;
}): Promise<PhaseResult> {
  const { config, input, context } = args;
  const spec = commandFor({ config, domain: input.domain, phase: input.phase });
  if (!spec) throw executorMisconfigured(`no command or agent configured for ${input.domain}/${input.phase}`);
  const { workspace } = input.story;
  if (!workspace) throw executorMisconfigured('the command executor needs a workspace and a base commit');
  const clone = await openClone({ cacheDir: config.cacheDir, remote: workspace.root });
  // A worker that died mid-phase may have left its command running: stop it before this attempt starts.
  const pidFile = `${worktreePath({ clone, storyId: input.story.storyId, name: input.domain })}.pid`;
  killStaleGroup(pidFile);
  const tree = await openWorktree({ clone, input, workspace });
  const worktree = tree.path;
  await setUpWorktree({
    config,
    worktree,
    label: `${input.domain}/${input.phase}`,
    env: { WAVE_STORY_ID: input.story.storyId, WAVE_DOMAIN: input.domain, WAVE_BRANCH: tree.branch },
    signal: context.signal,
    heartbeat: context.heartbeat,
  });
  const secrets = resolveSecrets({ refs: { ...config.secrets, ...spec.secrets }, baseDir: config.baseDir });
  const scratch = mkdtempSync(join(tmpdir(), 'wave-phase-'));
  const testReport = config.testReport ? join(worktree, config.testReport) : join(scratch, 'test-report');
  rmSync(testReport, { force: true }); // never read a report an earlier attempt left behind
  const startedAt = new Date();
  const allow = [...config.env, ...spec.env];
  const branch = domainBranch({ storyId: input.story.storyId, domain: input.domain });
  const env = {
    ...phaseEnv({
      phase: input,
      allow,
      worktree,
      branch,
      testReport,
      configDir: config.baseDir,
      attempt: context.attempt,
    }),
    ...secrets,
  };
  // API keys and secrets handed to a phase never come back in summaries, feedback, heartbeats, errors or prompts.
  const redact = redactor([...secretValues({ env, names: allow }), ...Object.values(secrets)]);
  const label = `${input.domain}/${input.phase}`;
  try {
    const run = {
      input,
      context,
      cwd: worktree,
      env,
      redact,
      onSpawn: (pid: number) => writeFileSync(pidFile, String(pid)),
    };
    const outcome = await (
      spec.agent !== undefined
        ? runAgentStep({ ...run, config, spec: { ...spec, agent: spec.agent }, branch, testReport, scratch })
        : runCommandStep({ ...run, config, spec, label })
    ).catch((err: unknown) => {
      if (err instanceof SpawnError) throw executorMisconfigured(`${label}: ${err.message}`);
      throw err;
    });
    const finishedAt = new Date();
    const base = {
      usage: outcome.usage,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      attempt: context.attempt,
      simulated: false,
      ...(outcome.costEstimated ? { costEstimated: true } : {}),
      ...(outcome.agent ? { agent: outcome.agent } : {}),
    };
    if (outcome.stoppedBy === 'cancelled') throw new CancelledFailure(`${label} cancelled; its command was stopped`);
    if (outcome.stoppedBy === 'timeout') {
      throw waveFailure({
        type: 'CommandTimedOut',
        message: `${label}: the command ran longer than ${spec.timeoutMs} ms and was killed with its children; last output: ${lastChars(outcome.tail, 500)}`,
      });
    }
    if (outcome.exhausted) {
      return {
        ...base,
        summary: `${label} stopped: the budget share ran out`,
        filesModified: [],
        budgetExhausted: true,
        commit: await headOf(worktree),
      };
    }
    const findings = await phaseFindings({ input, outcome, summary: outcome.summary, worktree, testReport });
    return { ...base, ...findings, commit: await publish({ tree, clone, baseCommit: workspace.baseCommit, label }) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(pidFile, { force: true });
    if (input.phase !== 'implement') await cleanWorktree(worktree).catch(() => undefined);
  }
}

/** Runs a phase's configured command; `WAVE_SUMMARY` and `WAVE_USAGE` lines are read as they come. */
async function runCommandStep(args: {
  config: CommandExecutorConfig;
  spec: PhaseRun;
  input: PhaseInput;
  context: PhaseContext;
  cwd: string;
  env: Record<string, string>;
  redact: (text: string) => string;
  label: string;
  onSpawn: (pid: number) => void;
}): Promise<StepOutcome> {
  const { input, context } = args;
  const carried = carriedSpend({ details: context.previousDetails, includesPrevious: false });
  const budgetLeft = remaining({ allotted: input.budgetLeft, used: carried });
  let usage: Usage = ZERO_USAGE;
  let summary: string | undefined;
  let exhausted = false;
  const outcome = await runProcess({
    argv: argvOf({ command: args.spec.command ?? [], baseDir: args.config.baseDir }),
    cwd: args.cwd,
    env: args.env,
    redact: args.redact,
    timeoutMs: args.spec.timeoutMs,
    signal: context.signal,
    onStdoutLine: (line) => {
      summary = summaryFromLine(line) ?? summary;
      const used = usageFromLine(line);
      if (!used) return;
      usage = addUsage(usage, used);
      if (isOver({ allotted: budgetLeft, used: usage })) {
        exhausted = true;
        return 'stop';
      }
    },
    onHeartbeat: (tail) => context.heartbeat({ phase: input.phase, usage, carried, tail: lastChars(tail, 1000) }),
    onSpawn: args.onSpawn,
  });
  // What the earlier, failed attempts reported spending is part of what the phase cost.
  return { ...outcome, usage: addUsage(usage, carried), exhausted, ...(summary !== undefined ? { summary } : {}) };
}

async function openWorktree(args: {
  clone: Clone;
  input: PhaseInput;
  workspace: { root: string; baseCommit: string };
}): Promise<DomainWorktree> {
  const { input } = args;
  try {
    return await ensureWorktree({
      clone: args.clone,
      storyId: input.story.storyId,
      domain: input.domain,
      baseCommit: args.workspace.baseCommit,
      dependsOn: input.dependsOn ?? [],
      ...(input.startCommit ? { startCommit: input.startCommit } : {}),
    });
  } catch (err) {
    if (err instanceof MergeConflict)
      throw executorMisconfigured(`${input.domain} cannot start from its dependencies: ${err.message}`);
    throw err;
  }
}

async function phaseFindings(args: {
  input: PhaseInput;
  outcome: StepOutcome;
  summary: string | undefined;
  worktree: string;
  testReport: string;
}): Promise<PhaseFindings> {
  const { input, outcome } = args;
  const label = `${input.domain}/${input.phase}`;
  const lastLine = outcome.tail.trim().split('\n').pop() ?? '';
  const summary = args.summary ?? (lastLine || `${label} exited with code ${outcome.exitCode}`);
  const ok = outcome.exitCode === 0;
  switch (input.phase) {
    case 'review':
      return { summary, filesModified: [], approved: ok };
    case 'test': {
      const tests = testCounts({ ok, report: args.testReport });
      return {
        summary,
        filesModified: [],
        tests,
        ...(tests.failed > 0 ? { feedback: lastChars(outcome.tail, 4000) } : {}),
      };
    }
    case 'plan':
    case 'implement': {
      if (!ok) {
        await cleanWorktree(args.worktree);
        throw waveFailure({
          type: 'CommandFailed',
          message: `${label} exited with code ${outcome.exitCode}: ${lastChars(outcome.tail, 500)}`,
        });
      }
      if (input.phase === 'plan') return { summary, filesModified: [] };
      const message = `wave(${input.story.storyId}): ${input.domain} implement${input.iteration ? ` (fix ${input.iteration})` : ''}\n\nStory: ${input.story.title}`;
      return { summary, filesModified: await commitAll({ path: args.worktree, message }) };
    }
  }
}

/**
 * Pushes the domain branch when the phase moved it past what the remote has (a commit, or a new branch with its
 * dependencies merged in), and returns the commit the phase ended on: where the domain's next phase starts, on
 * whichever worker runs it.
 */
async function publish(input: {
  tree: DomainWorktree;
  clone: Clone;
  baseCommit: string;
  label: string;
}): Promise<string> {
  const { tree } = input;
  const head = await headOf(tree.path);
  if (head === tree.remoteHead || head === input.baseCommit) return head;
  await pushBranch({
    cwd: tree.path,
    clone: input.clone,
    branch: tree.branch,
    ...(tree.remoteHead ? { expected: tree.remoteHead } : {}),
    label: input.label,
  });
  return head;
}

/** Counts from the report when the command wrote one; else 1 passed or 1 failed by exit code. */
function testCounts(input: { ok: boolean; report: string }): TestCounts {
  const parsed = existsSync(input.report) ? parseTestReport(readFileSync(input.report, 'utf8')) : undefined;
  const counts = parsed ?? (input.ok ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
  // The exit code decides pass or fail; a failing command with a clean report still counts one failure.
  return !input.ok && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}
