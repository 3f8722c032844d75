import { jsonObject, objectOf, stringOf } from '../../workflow-safe/json-values';
import type { AgentAdapter, AgentReader, AgentReading } from './adapter';
import { exitError, hasFlag } from './adapter';
import { errorFromText } from './error-kind';
import { count } from './token-counts';

/**
 * OpenAI Codex CLI: `codex exec --json [flags] <prompt>`, or `codex exec --json [flags] resume <thread_id> <prompt>`
 * on a retry (flags go before `resume`: older releases parse them only there).
 *
 * Format (openai/codex `codex-rs/exec/src/exec_events.rs`, `docs/exec.md`, developers.openai.com/codex/noninteractive):
 * one JSON event per line on stdout (logs go to stderr) — `{"type":"thread.started","thread_id"}`,
 * `{"type":"turn.started"}`, `{"type":"turn.completed","usage":{"input_tokens","cached_input_tokens",
 * "output_tokens"}}` (the thread's running total; `cached_input_tokens` is part of `input_tokens`),
 * `{"type":"turn.failed","error":{"message"}}`, `{"type":"error","message"}` (also non-fatal, e.g. "Reconnecting…
 * 1/5") and `{"type":"item.completed","item":{"id","type":"agent_message","text"}}` among other items. Exit code 1
 * on a failed turn or a setup error (then plain text on stderr). No event names the model or a cost: the tokens
 * are priced with the configured `model`.
 */
export const codexAdapter: AgentAdapter = {
  name: 'codex',
  program: 'codex',
  reportsCost: false,
  command: (input) => ({
    args: [
      'exec',
      '--json',
      ...(input.model ? ['--model', input.model] : []),
      // `codex exec` runs read-only by default: implement needs to write in its worktree (and only there).
      ...(input.phase === 'implement' &&
      !hasFlag({
        args: input.args,
        flags: ['--sandbox', '-s', '--full-auto', '--dangerously-bypass-approvals-and-sandbox', '--yolo'],
      })
        ? ['--sandbox', 'workspace-write']
        : []),
      ...input.args,
      ...(input.resumeSession ? ['resume', input.resumeSession] : []),
      // After `--` the prompt is the prompt, even one that starts with a dash.
      '--',
      input.prompt,
    ],
  }),
  reader: codexReader,
};

function codexReader(): AgentReader {
  const reading: AgentReading = { tokensByModel: {} };
  /** The last `error` event: fatal only if the run ends without a completed turn. */
  let lastError: string | undefined;
  return {
    reading,
    onLine: ({ line }) => {
      const event = jsonObject(line);
      if (!event) return;
      switch (event.type) {
        case 'thread.started':
          reading.sessionId = stringOf(event.thread_id) ?? reading.sessionId;
          break;
        case 'turn.completed': {
          lastError = undefined;
          const usage = objectOf(event.usage);
          const cached = count(usage.cached_input_tokens);
          reading.tokensByModel = {
            '': {
              input: Math.max(0, count(usage.input_tokens) - cached),
              output: count(usage.output_tokens),
              cacheRead: cached,
              cacheWrite: 0,
            },
          };
          reading.turns = (reading.turns ?? 0) + 1;
          break;
        }
        case 'turn.failed':
          reading.error = errorFromText({ message: stringOf(objectOf(event.error).message) ?? 'turn failed' });
          break;
        case 'error':
          lastError = stringOf(event.message) ?? lastError;
          break;
        case 'item.completed': {
          const item = objectOf(event.item);
          if (item.type === 'agent_message') reading.finalMessage = stringOf(item.text) ?? reading.finalMessage;
          break;
        }
      }
    },
    finish: ({ exitCode, tail }) => {
      if (exitCode === 0 || reading.error) return;
      // Before a thread starts, codex fails on its setup (arguments, trust, configuration): plain text on stderr,
      // which a retry does not change.
      if (reading.sessionId === undefined) reading.error = { kind: 'usage', message: `codex could not start: ${tail}` };
      else
        reading.error = lastError ? errorFromText({ message: lastError }) : exitError({ cli: 'codex', exitCode, tail });
    },
  };
}
