import type { z } from 'zod';

/** The answer of a check that may fail with a message for people. */
export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

/** Renders zod issues as one line that names every bad field, e.g. `budget.tokens: Too small: expected number to be >0`. */
export function describeZodError(error: z.ZodError, root = 'request'): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : root}: ${issue.message}`)
    .join('; ');
}
