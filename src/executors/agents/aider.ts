import { jsonObject, objectOf, stringOf } from '../../workflow-safe/json-values';
import type { AgentAdapter, AgentReader, AgentReading } from './adapter';
import { exitError } from './adapter';
import { errorFromText } from './error-kind';
import { NO_TOKENS, addTokens, count } from './token-counts';

/**
 * aider: `aider --message <prompt> --yes-always --no-stream --analytics-log <file>`.
 *
 * Format (Aider-AI/aider, `aider/analytics.py` writes one JSON object per line to the analytics log:
 * `{"event", "properties", "user_id", "time"}`; `aider/coders/base_coder.py` sends `message_send` after each model
 * call with `properties` `main_model`, `edit_format`, `prompt_tokens`, `completion_tokens`, `total_tokens`, `cost`
 * and `total_cost`). aider prices the calls itself (`cost`, from its model table). Its answer is plain text on stdout.
 * aider exits 0 even when the model call failed (then there is no `message_send` and the error is on stdout), so a
 * run without any `message_send` is a failure. No session id: a retry starts a new chat. WAVE commits the changes,
 * so aider's own commits are off, and its chat history goes to the attempt's scratch folder, not the worktree.
 */
export const aiderAdapter: AgentAdapter = {
  name: 'aider',
  program: 'aider',
  reportsCost: true,
  // The repository map cache (`.aider.tags.cache.v4/`) and any history file aider writes next to the repository.
  localFiles: ['.aider*'],
  command: (input) => ({
    args: [
      // Glued to its option, a prompt that starts with a dash is still the prompt.
      `--message=${input.prompt}`,
      '--yes-always',
      '--no-stream',
      '--no-pretty',
      '--no-auto-commits',
      '--no-gitignore',
      '--no-analytics',
      '--analytics-log',
      input.logFile,
      '--chat-history-file',
      `${input.logFile}.chat.md`,
      '--input-history-file',
      `${input.logFile}.input`,
      ...(input.model ? ['--model', input.model] : []),
      ...input.args,
    ],
  }),
  reader: aiderReader,
};

/** aider's own status lines on stdout, left out of the summary. */
const CHROME =
  /^(Aider v|Main model:|Weak model:|Editor model:|Git repo:|Repo-map:|Added .* to the chat|Tokens: |Cost: |Applied edit to |Commit [0-9a-f]+|Use \/help|Warning: |─+$|Can't initialize prompt toolkit)/;

/** A line where aider reports the model provider's error. */
const PROVIDER_ERROR = /(litellm\.\w+Error|\b\w+Error: |The API provider|Missing these environment variables)/;

function aiderReader(): AgentReader {
  const reading: AgentReading = { tokensByModel: {} };
  const answer: string[] = [];
  return {
    reading,
    onLine: ({ line, source }) => {
      if (source === 'stdout') {
        if (line.trim() && !CHROME.test(line.trim())) answer.push(line);
        if (answer.length > 200) answer.shift();
        return;
      }
      const event = jsonObject(line);
      if (event?.event !== 'message_send') return;
      const props = objectOf(event.properties);
      // aider logs unknown models as `provider/REDACTED` or `None`: those are the configured model's tokens.
      const named = stringOf(props.main_model) ?? '';
      const model = /REDACTED|^None$/.test(named) ? '' : named;
      const call = {
        input: count(props.prompt_tokens),
        output: count(props.completion_tokens),
        cacheRead: 0,
        cacheWrite: 0,
      };
      reading.tokensByModel = {
        ...reading.tokensByModel,
        [model]: addTokens(reading.tokensByModel[model] ?? NO_TOKENS, call),
      };
      reading.turns = (reading.turns ?? 0) + 1;
      // aider prices a model it does not know at 0: then WAVE prices the tokens itself.
      if (typeof props.total_cost === 'number' && props.total_cost > 0) reading.reportedCostUsd = props.total_cost;
    },
    finish: ({ exitCode, tail }) => {
      if (answer.length) reading.finalMessage = answer.join('\n').trim();
      // aider prints the model provider's errors (litellm's exception names) on stdout: only those lines are read.
      const errors = answer.filter((line) => PROVIDER_ERROR.test(line)).join('\n');
      if (exitCode !== 0)
        reading.error = errors ? errorFromText({ message: errors }) : exitError({ cli: 'aider', exitCode, tail });
      else if (!reading.turns)
        reading.error = errors
          ? errorFromText({ message: errors })
          : { kind: 'transient', message: `aider got no answer from the model: ${reading.finalMessage ?? tail}` };
    },
  };
}
