import type { AgentError, AgentErrorKind } from './adapter';

const AUTH = [
  /invalid (x-)?api[ _-]?key/i,
  /authenticat/i,
  /unauthori[sz]ed/i,
  /\b(401|403)\b/,
  /permission[_ ]denied/i,
  /please run \/login/i,
  /not logged in/i,
  /credit balance is too low/i,
  /insufficient[_ ]quota/i,
  /billing/i,
];
const USAGE = [/unknown (option|argument|flag)/i, /unexpected argument/i, /invalid (value|model)/i, /usage:/i];

/**
 * The kind of an error an agent CLI reported in words: credentials and quota are not worth retrying, a rejected
 * argument is a configuration error, anything else (overload, rate limit, 5xx, network) is retried.
 */
export function errorFromText(input: { message: string; fallback?: AgentErrorKind }): AgentError {
  const { message } = input;
  const kind: AgentErrorKind = AUTH.some((re) => re.test(message))
    ? 'auth'
    : USAGE.some((re) => re.test(message))
      ? 'usage'
      : (input.fallback ?? 'transient');
  return { kind, message: message.trim() || 'the agent reported an error without a message' };
}
