/**
 * Reading JSON that other programs print (agent CLIs, supervisor commands): lenient, never throwing, and only
 * parsing text that looks like JSON, since such output mixes in plain log lines.
 */

/** The JSON object in `text`, or undefined for anything else. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  const value = parsed({ text, opens: '{' });
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The JSON array in `text`, or undefined. */
export function jsonArray(text: string): unknown[] | undefined {
  const value = parsed({ text, opens: '[' });
  return Array.isArray(value) ? value : undefined;
}

function parsed(input: { text: string; opens: string }): unknown {
  const text = input.text.trim();
  if (!text.startsWith(input.opens)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `value` as an object, or an empty one. */
export function objectOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `value` when it is a non-empty string. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
