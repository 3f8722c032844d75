import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { WaveConfig } from '../../config/wave-config';
import { supervisorFromConfig } from '../../config/worker-options';
import type { RunReport } from '../../model/report';
import type { StoryRequest } from '../../model/story-request';
import { UserError } from '../../model/user-errors';
import { failureText } from '../../temporal/failure-text';
import { prepareRequest, readStory, startStory } from '../../temporal/story-client';
import { FailureType } from '../../workflow-safe/failure-types';
import { storyWorkflowId } from '../../workflow-safe/ids';
import type { storyWorkflow } from '../../workflows';
import { REQUEST_FLAGS, outputFormat, parse, requestFromFlags } from '../args';
import { EXIT, Interrupted, RunFailed, exitCodeFor } from '../errors';
import { createProgressDisplay, progressFromReport } from '../progress-display';
import { renderReport } from '../render';
import type { Session } from '../session';
import { openSession } from '../session';
import { nextStopSignal } from '../signals';
import { planLocally } from './plan';

const RUN_FLAGS = {
  ...REQUEST_FLAGS,
  detach: { type: 'boolean' },
  'no-worker': { type: 'boolean' },
  'exit-when-done': { type: 'boolean' },
} as const;

const POLL_MS = 500;

/** `wave run "<story>"`: starts a run, shows live progress and ends with the report (exit code from the outcome). */
export async function runCommand(input: { args: string[]; config: WaveConfig }): Promise<number> {
  const { values, positionals } = parse({ args: input.args, options: RUN_FLAGS });
  if (positionals.length > 1) throw new UserError('wave run takes one story (quote it)');
  const format = outputFormat(values.output);
  const request = await checkedRequest({
    request: requestFromFlags({ story: positionals[0], values }),
    config: input.config,
  });
  const session = await openSession({
    config: input.config,
    worker: values.detach || values['no-worker'] ? 'never' : 'local',
    requireRunning: values.detach === true,
  });
  try {
    const handle = await startStory({ client: session.client, taskQueue: session.taskQueue, request });
    if (values.detach) {
      const started = { storyId: request.storyId, workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
      console.log(
        format === 'json' ? JSON.stringify(started) : `Started ${request.storyId} (wave status ${request.storyId})`,
      );
      return EXIT.succeeded;
    }
    const report = await follow({ session, handle, storyId: request.storyId, showProgress: format === 'text' });
    console.log(format === 'json' ? JSON.stringify(report, null, 2) : renderReport(report));
    if (format === 'text' && session.uiUrl) {
      console.log(
        `Web UI: ${session.uiUrl}/namespaces/${session.target.namespace}/workflows/${storyWorkflowId(request.storyId)}`,
      );
    }
    await keepUiOpen({ session, holdOpen: values['exit-when-done'] !== true });
    return exitCodeFor(report);
  } finally {
    await session.close();
  }
}

/** Waits for the result while drawing progress (on stderr, so stdout carries only the report). */
async function follow(input: {
  session: Session;
  handle: WorkflowHandle<typeof storyWorkflow>;
  storyId: string;
  showProgress: boolean;
}): Promise<RunReport> {
  const display = createProgressDisplay(process.stderr);
  let finished = false;
  const poll = async () => {
    while (!finished && input.showProgress) {
      const state = await readStory({ client: input.session.client, storyId: input.storyId }).catch(() => undefined);
      if (state?.state === 'running' && !finished) display.update(state.progress);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const polling = poll();
  const stop = nextStopSignal();
  const interrupted = stop.signal.then((name) => {
    throw new Interrupted(
      `${name === 'SIGTERM' ? 'terminated' : 'interrupted'}; the run goes on durably: see it with \`wave status ${input.storyId}\` (a worker must be running)`,
    );
  });
  try {
    const report = await Promise.race([input.handle.result(), interrupted, input.session.workerFailure]);
    finished = true;
    await polling;
    if (input.showProgress) display.update(progressFromReport(report));
    return report;
  } catch (err) {
    throw explainFailure(err);
  } finally {
    finished = true;
    stop.dispose();
    await polling;
    display.done();
  }
}

function explainFailure(err: unknown): Error {
  if (err instanceof WorkflowFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === FailureType.InvalidStoryRequest)
      return new UserError(cause.message);
    return new RunFailed(failureText(cause ?? err));
  }
  return err as Error;
}

/** After a local run on a terminal, keep the embedded server (and its Web UI) up until Ctrl-C. */
async function keepUiOpen(input: { session: Session; holdOpen: boolean }): Promise<void> {
  if (!input.holdOpen || !input.session.startedServer || !process.stdout.isTTY || process.env.CI) return;
  console.log('The embedded Temporal server keeps running so you can browse the run. Press Ctrl-C to stop it.');
  const stop = nextStopSignal();
  await stop.signal;
  stop.dispose();
}

/**
 * The request, checked before a server is involved: planned with the built-in router, or, when a supervisor command
 * routes, only validated (the worker asks the supervisor; asking it here too would run, and pay for, it twice).
 */
async function checkedRequest(input: {
  request: unknown;
  config: WaveConfig;
}): Promise<StoryRequest & { storyId: string }> {
  if (supervisorFromConfig(input.config)) return prepareRequest(input.request);
  return (await planLocally(input)).request;
}
