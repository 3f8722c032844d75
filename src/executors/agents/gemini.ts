import { jsonObject, objectOf, stringOf } from '../../workflow-safe/json-values';
import type { AgentAdapter, AgentError, AgentReader, AgentReading } from './adapter';
import { exitError, flagValue, hasFlag } from './adapter';
import { errorFromText } from './error-kind';
import type { TokenCounts } from './token-counts';
import { count } from './token-counts';

/**
 * Gemini CLI, headless: `gemini --prompt=<prompt> --output-format json`.
 *
 * Format (google-gemini/gemini-cli, docs/cli/headless.md, `packages/core/src/output/types.ts` `JsonOutput`): one
 * JSON document at the end, pretty-printed over several lines: `{"session_id", "response", "stats": {"models":
 * {"<model>": {"api", "tokens": {"prompt", "candidates", "total", "cached", "thoughts", "tool"}}}, "tools",
 * "files"}, "error"?: {"type", "message", "code"}}`. `prompt` counts the cached tokens too; `thoughts` are billed as
 * output. A fatal error prints the `{"error"}` document on stderr instead (read from the output's tail). With
 * `--output-format stream-json` in `args` it prints events instead, one per line — `init` (`session_id`, `model`)
 * first, `message` (assistant `content` deltas), and last `result` (`status`, `error`, `stats` with `models` or
 * totals) — which this reader also takes: the session is then known from the start. Exit codes (`FatalError`
 * subclasses, packages/core/src/utils/errors.ts): 0 ok, 1 API or general error, 41 authentication, 42 bad input,
 * 44 sandbox, 52 configuration, 53 turn limit, 54 tool error, 55 untrusted folder, 130 cancelled. Resume:
 * `--resume <session_id>`. No dollar figure: each model's tokens are priced.
 */
export const geminiAdapter: AgentAdapter = {
  name: 'gemini',
  program: 'gemini',
  reportsCost: false,
  command: (input) => ({
    args: [
      // Glued to its option, a prompt that starts with a dash is still the prompt.
      `--prompt=${input.prompt}`,
      ...(flagValue({ args: input.args, flag: '--output-format' }) === undefined ? ['--output-format', 'json'] : []),
      ...(input.model ? ['--model', input.model] : []),
      ...(input.resumeSession ? ['--resume', input.resumeSession] : []),
      // Headless runs cannot confirm tool calls: implement may edit files without asking.
      ...(input.phase === 'implement' && !hasFlag({ args: input.args, flags: ['--yolo', '-y', '--approval-mode'] })
        ? ['--approval-mode', 'auto_edit']
        : []),
      ...input.args,
    ],
  }),
  reader: geminiReader,
};

function tokensOf(value: unknown): TokenCounts {
  const tokens = objectOf(value);
  const cached = count(tokens.cached);
  // `json` counts `prompt` and `candidates`; `stream-json` counts `input_tokens` and `output_tokens`.
  const prompt = count(tokens.prompt) || count(tokens.input_tokens);
  return {
    input: Math.max(0, prompt - cached) + count(tokens.tool),
    output: (count(tokens.candidates) || count(tokens.output_tokens)) + count(tokens.thoughts),
    cacheRead: cached,
    cacheWrite: 0,
  };
}

/** Tokens per model from `stats`: its `models`, or its totals when it has no per-model figures. */
function tokensByModel(stats: Record<string, unknown>): Record<string, TokenCounts> {
  const models = Object.entries(objectOf(stats.models));
  if (models.length === 0) return stats.input_tokens === undefined ? {} : { '': tokensOf(stats) };
  return Object.fromEntries(models.map(([name, entry]) => [name, tokensOf(objectOf(entry).tokens ?? entry)]));
}

/** Exit codes of the CLI's fatal errors (`FatalError` subclasses in packages/core/src/utils/errors.ts). */
const EXIT_KINDS: Readonly<Record<number, AgentError['kind']>> = {
  41: 'auth',
  42: 'usage',
  44: 'usage',
  52: 'usage',
  53: 'limit',
  55: 'usage',
};

/** The JSON document in the CLI's output: from the first line that opens one to the end. */
function documentIn(lines: string[]): Record<string, unknown> | undefined {
  for (let start = 0; start < lines.length; start += 1) {
    if (!lines[start]?.trimStart().startsWith('{')) continue;
    const parsed = jsonObject(lines.slice(start).join('\n'));
    if (parsed) return parsed;
  }
  return undefined;
}

function errorOf(value: unknown): AgentError | undefined {
  const error = objectOf(value);
  const message = stringOf(error.message);
  if (!message) return undefined;
  const code = typeof error.code === 'number' ? ` ${error.code}` : '';
  return errorFromText({ message: `${stringOf(error.type) ?? 'error'}${code}: ${message}` });
}

function geminiReader(): AgentReader {
  const reading: AgentReading = { tokensByModel: {} };
  const lines: string[] = [];
  let streamed = false;
  let answer = '';
  const onEvent = (event: Record<string, unknown>) => {
    streamed = true;
    reading.sessionId = stringOf(event.session_id) ?? reading.sessionId;
    if (event.type === 'message' && event.role === 'assistant') answer += stringOf(event.content) ?? '';
    if (event.type === 'result') {
      reading.tokensByModel = tokensByModel(objectOf(event.stats));
      if (event.status === 'error') reading.error = errorOf(event.error) ?? { kind: 'transient', message: 'error' };
      if (answer) reading.finalMessage = answer;
    }
  };
  return {
    reading,
    onLine: ({ line }) => {
      const event = jsonObject(line);
      if (event && typeof event.type === 'string' && typeof event.timestamp === 'string') onEvent(event);
      else lines.push(line);
    },
    finish: ({ exitCode, tail }) => {
      const output = streamed ? undefined : (documentIn(lines) ?? documentIn(tail.split('\n')));
      if (output) {
        reading.sessionId = stringOf(output.session_id) ?? reading.sessionId;
        reading.finalMessage = stringOf(output.response) ?? reading.finalMessage;
        reading.tokensByModel = tokensByModel(objectOf(output.stats));
        reading.error = errorOf(output.error) ?? reading.error;
      }
      if (exitCode === 0) return;
      const kind = exitCode === null ? undefined : EXIT_KINDS[exitCode];
      const error = reading.error ?? exitError({ cli: 'gemini', exitCode, tail });
      reading.error = kind ? { kind, message: error.message } : error;
    },
  };
}
