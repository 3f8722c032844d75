import { jsonArray, jsonObject, objectOf, stringOf } from '../../workflow-safe/json-values';
import type { AgentAdapter, AgentReader, AgentReading } from './adapter';
import { exitError, flagValue, hasFlag } from './adapter';
import { errorFromText } from './error-kind';
import type { TokenCounts } from './token-counts';
import { NO_TOKENS, addTokens, count } from './token-counts';

/**
 * Claude Code, headless: `claude -p <prompt> --output-format stream-json --verbose`.
 *
 * Format (Claude Code CLI reference and headless-mode docs, docs.claude.com/en/docs/claude-code/{cli-reference,
 * headless}; the message types are `SDKSystemMessage`, `SDKAssistantMessage` and `SDKResultMessage` of the Agent
 * SDK's `sdk.d.ts`): one JSON object per line —
 * - `{"type":"system","subtype":"init","session_id","model",…}` first;
 * - `{"type":"assistant","message":{"id","model","usage":{input_tokens,output_tokens,cache_creation_input_tokens,
 *   cache_read_input_tokens},"content":[…]},"session_id"}` per content block (blocks of one API message repeat its
 *   usage, so usage is kept per message id, not summed per line);
 * - last `{"type":"result","subtype":"success"|"error_max_turns"|"error_max_budget_usd"|"error_during_execution",
 *   "is_error","result" (success only),"errors" (error subtypes),"session_id","num_turns","total_cost_usd","usage",
 *   "modelUsage":{"<model>":{inputTokens,outputTokens,cacheReadInputTokens,cacheCreationInputTokens,costUSD}}}`.
 *   API and authentication errors come as `subtype:"success"` with `is_error:true`, the text in `result` and the
 *   HTTP status in `api_error_status`.
 * `--output-format json` prints only the result object (or, with verbose settings, an array of every message):
 * this reader takes both. Resume: `--resume <session_id>`; a resumed session's `total_cost_usd` and `modelUsage`
 * go on from the session's saved totals, so they include what interrupted attempts spent (uncounted until then).
 */
export const claudeAdapter: AgentAdapter = {
  name: 'claude',
  program: 'claude',
  reportsCost: true,
  sessionTotals: true,
  command: (input) => {
    const format = flagValue({ args: input.args, flag: '--output-format' });
    return {
      args: [
        '-p',
        ...(format === undefined ? ['--output-format', 'stream-json'] : []),
        // stream-json in print mode requires --verbose, whoever asked for stream-json.
        ...((format ?? 'stream-json') === 'stream-json' && !input.args.includes('--verbose') ? ['--verbose'] : []),
        ...(input.model ? ['--model', input.model] : []),
        ...(input.resumeSession ? ['--resume', input.resumeSession] : []),
        // Headless runs cannot answer permission prompts: implement may edit files, the other phases only read.
        ...(input.phase === 'implement' &&
        !hasFlag({ args: input.args, flags: ['--permission-mode', '--dangerously-skip-permissions'] })
          ? ['--permission-mode', 'acceptEdits']
          : []),
        ...input.args,
      ],
      // `claude -p` reads the prompt from stdin when none is given as an argument.
      stdin: input.prompt,
    };
  },
  reader: claudeReader,
};

/** `modelUsage`: tokens per model, summed over the whole session (what `total_cost_usd` prices). */
function modelUsageOf(value: unknown): Record<string, TokenCounts> | undefined {
  const entries = Object.entries(objectOf(value)).map(([model, raw]) => {
    const usage = objectOf(raw);
    const counts: TokenCounts = {
      input: count(usage.inputTokens),
      output: count(usage.outputTokens),
      cacheRead: count(usage.cacheReadInputTokens),
      cacheWrite: count(usage.cacheCreationInputTokens),
    };
    return [model, counts] as const;
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function usageOf(value: unknown): TokenCounts {
  const usage = objectOf(value);
  return {
    input: count(usage.input_tokens),
    output: count(usage.output_tokens),
    cacheWrite: count(usage.cache_creation_input_tokens),
    cacheRead: count(usage.cache_read_input_tokens),
  };
}

const LIMIT_SUBTYPES = /^error_max_(turns|budget)/;

function claudeReader(): AgentReader {
  const reading: AgentReading = { tokensByModel: {} };
  /** Usage of each API message so far, by message id: the live figure until the result's total arrives. */
  const byMessage = new Map<string, { model: string; usage: TokenCounts }>();
  let model = '';
  let finalSeen = false;
  const liveTotals = () => {
    const totals: Record<string, TokenCounts> = {};
    for (const { model: name, usage } of byMessage.values()) totals[name] = addTokens(totals[name] ?? NO_TOKENS, usage);
    reading.tokensByModel = totals;
  };
  const onResult = (event: Record<string, unknown>) => {
    finalSeen = true;
    reading.sessionId = stringOf(event.session_id) ?? reading.sessionId;
    const cost = event.total_cost_usd ?? event.cost_usd;
    if (typeof cost === 'number') reading.reportedCostUsd = Math.max(0, cost);
    const perModel = modelUsageOf(event.modelUsage);
    if (perModel) reading.tokensByModel = perModel;
    else if (event.usage) reading.tokensByModel = { [model]: usageOf(event.usage) };
    if (typeof event.num_turns === 'number') reading.turns = event.num_turns;
    const text = stringOf(event.result);
    const subtype = stringOf(event.subtype) ?? '';
    if (event.is_error === true || subtype.startsWith('error')) {
      const errors = Array.isArray(event.errors) ? event.errors.filter((e) => typeof e === 'string').join('; ') : '';
      const status = typeof event.api_error_status === 'number' ? event.api_error_status : undefined;
      const message = `${text ?? (errors || `${subtype || 'error'} after ${reading.turns ?? '?'} turn(s)`)}${status ? ` (status ${status})` : ''}`;
      reading.error = LIMIT_SUBTYPES.test(subtype)
        ? { kind: 'limit', message: `${subtype}: ${message}` }
        : status === 401 || status === 403
          ? { kind: 'auth', message }
          : status !== undefined && (status === 429 || status >= 500)
            ? { kind: 'transient', message }
            : errorFromText({ message });
    } else if (text !== undefined) {
      reading.finalMessage = text;
    }
  };
  const onEvent = (event: Record<string, unknown>) => {
    reading.sessionId = stringOf(event.session_id) ?? reading.sessionId;
    if (event.type === 'system' && event.subtype === 'init') model = stringOf(event.model) ?? model;
    if (event.type === 'assistant' && !finalSeen) {
      const message = objectOf(event.message);
      const id = stringOf(message.id) ?? `line-${byMessage.size}`;
      model = stringOf(message.model) ?? model;
      byMessage.set(id, { model, usage: usageOf(message.usage) });
      liveTotals();
    }
    if (event.type === 'result') onResult(event);
  };
  return {
    reading,
    onLine: ({ line }) => {
      const event = jsonObject(line);
      if (event) onEvent(event);
      else jsonArray(line)?.forEach((item) => onEvent(objectOf(item)));
    },
    finish: ({ exitCode, tail }) => {
      if (finalSeen || exitCode === 0) return;
      reading.error = exitError({ cli: 'claude', exitCode, tail });
    },
  };
}
