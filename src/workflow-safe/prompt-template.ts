/** A `{{name}}` placeholder of a prompt template. */
const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholders of `template` that are not among `known` (a config error, caught when the config loads). */
export function unknownPlaceholders(input: { template: string; known: readonly string[] }): string[] {
  const known = new Set(input.known);
  return [...input.template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !known.has(name));
}

/** `template` with each placeholder replaced by its value; one without a value is left out. */
export function fillPlaceholders(input: { template: string; values: Readonly<Record<string, string>> }): string {
  return input.template.replace(PLACEHOLDER, (_, name: string) => input.values[name] ?? '');
}
