import type { AgentAdapter, AgentError, AgentReader, AgentReading } from './adapter';
import { jsonObject, objectOf, stringOf } from './adapter';
import { errorFromText } from './error-kind';
import type { TokenCounts } from './token-counts';
import { count } from './token-counts';

/**
 * Gemini CLI, headless: `gemini -p <prompt> --output-format json`.
 *
 * Format (google-gemini/gemini-cli, docs/cli/headless.md, `packages/core/src/output/types.ts` `JsonOutput`): one
 * JSON document at the end, pretty-printed over several lines: `{"session_id", "response", "stats": {"models":
 * {"<model>": {"api", "tokens": {"prompt", "candidates", "total", "cached", "thoughts", "tool"}}}, "tools",
 * "files"}, "error"?: {"type", "message", "code"}}`. `prompt` counts the cached tokens too; `thoughts` are billed as
 * output. A fatal error prints the `{"error"}` document on stderr instead (read from the output's tail). Exit codes
 * (`FatalError` subclasses, packages/core/src/utils/errors.ts): 0 ok, 1 API or general error, 41 authentication,
 * 42 bad input, 44 sandbox, 52 configuration, 53 turn limit, 54 tool error, 55 untrusted folder, 130 cancelled.
 * Resume: `--resume <session_id>`. No dollar figure: each model's tokens are priced.
 */
export const geminiAdapter: AgentAdapter = {
  name: 'gemini',
  program: 'gemini',
  reportsCost: false,
  argv: (input) => [
    '-p',
    input.prompt,
    '--output-format',
    'json',
    ...(input.model ? ['--model', input.model] : []),
    ...(input.resumeSession ? ['--resume', input.resumeSession] : []),
    // Headless runs cannot confirm tool calls: implement may edit files without asking.
    ...(input.phase === 'implement' && !input.args.some((arg) => /^(--yolo|-y|--approval-mode)/.test(arg))
      ? ['--approval-mode', 'auto_edit']
      : []),
    ...input.args,
  ],
  reader: geminiReader,
};

function tokensOf(value: unknown): TokenCounts {
  const tokens = objectOf(value);
  const cached = count(tokens.cached);
  return {
    input: Math.max(0, count(tokens.prompt) - cached) + count(tokens.tool),
    output: count(tokens.candidates) + count(tokens.thoughts),
    cacheRead: cached,
    cacheWrite: 0,
  };
}

/** Exit codes of the CLI's fatal errors (`FatalError` subclasses in packages/core/src/utils/errors.ts). */
const EXIT_KINDS: Readonly<Record<number, AgentError['kind']>> = {
  41: 'auth',
  42: 'usage',
  44: 'usage',
  52: 'usage',
  53: 'limit',
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

function geminiReader(): AgentReader {
  const reading: AgentReading = { tokensByModel: {} };
  const lines: string[] = [];
  return {
    reading,
    onLine: ({ line }) => {
      lines.push(line);
    },
    finish: ({ exitCode, tail }) => {
      const output = documentIn(lines) ?? documentIn(tail.split('\n'));
      if (output) {
        reading.sessionId = stringOf(output.session_id) ?? reading.sessionId;
        reading.finalMessage = stringOf(output.response) ?? reading.finalMessage;
        const models = objectOf(objectOf(output.stats).models);
        reading.tokensByModel = Object.fromEntries(
          Object.entries(models).map(([name, stats]) => [name, tokensOf(objectOf(stats).tokens)]),
        );
        const error = objectOf(output.error);
        const message = stringOf(error.message);
        if (message) {
          const code = typeof error.code === 'number' ? error.code : undefined;
          reading.error = errorFromText({
            message: `${stringOf(error.type) ?? 'error'}${code ? ` ${code}` : ''}: ${message}`,
          });
        }
      }
      if (exitCode === 0) return;
      const kind = exitCode === null ? undefined : EXIT_KINDS[exitCode];
      const message = reading.error?.message ?? `gemini exited with code ${exitCode}: ${tail}`;
      reading.error = kind ? { kind, message } : (reading.error ?? errorFromText({ message }));
    },
  };
}
