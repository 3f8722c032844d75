/** What replaces a secret in any text WAVE writes. */
export const REDACTED = '[redacted]';

/** Environment variable names whose values are treated as secrets. */
export const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE)/i;

/** Values shorter than this are not treated as secrets (they would blank out ordinary words). */
export const MIN_SECRET_LENGTH = 6;

/** The values of the secret-looking variables among `names` in `env`. */
export function secretValues(input: { env: Record<string, string | undefined>; names: string[] }): string[] {
  return input.names
    .filter((name) => SECRET_NAME.test(name))
    .map((name) => input.env[name])
    .filter((value): value is string => value !== undefined && value.length >= MIN_SECRET_LENGTH);
}

/**
 * A function that replaces every occurrence of the given secrets (longest first) with `[redacted]`, also as they
 * appear escaped inside a JSON string (an agent CLI that quotes a secret with a quote or backslash in it).
 */
export function redactor(secrets: string[]): (text: string) => string {
  const forms = secrets
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => sorted.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
