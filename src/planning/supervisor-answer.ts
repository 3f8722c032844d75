import type { Catalog } from '../model/catalog';
import type { SupervisorAnswer } from '../model/supervisor-contract';
import { supervisorAnswerSchema } from '../model/supervisor-contract';
import type { Validation } from '../model/validation';
import { describeZodError } from '../model/validation';
import { jsonObject } from '../workflow-safe/json-values';

/** Longest piece of a command's output quoted in a fallback reason. */
const EXCERPT_LENGTH = 120;

/**
 * Reads a supervisor command's stdout: the whole output when it is one JSON object (pretty-printed or not), else the
 * last line that is a JSON object (a command may log before it answers), checked against the catalog.
 */
export function readSupervisorAnswer(input: { stdout: string; catalog: Catalog }): Validation<SupervisorAnswer> {
  const found = lastJsonObject(input.stdout);
  if (found === undefined) {
    const last = input.stdout.trim().split('\n').pop()?.trim();
    return {
      ok: false,
      message: last
        ? `printed no JSON object on stdout (last line: ${JSON.stringify(excerpt(last))})`
        : 'printed nothing on stdout',
    };
  }
  const schema = supervisorAnswerSchema({ known: input.catalog.domains.map((spec) => spec.name) });
  const parsed = schema.safeParse(found);
  if (!parsed.success) return { ok: false, message: `invalid answer: ${describeZodError(parsed.error, 'answer')}` };
  return { ok: true, value: parsed.data };
}

/** A piece of a command's output short enough to quote in a one-line reason. */
export function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

function lastJsonObject(stdout: string): object | undefined {
  const whole = jsonObject(stdout);
  if (whole) return whole;
  const lines = stdout.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    const found = jsonObject(lines[index] ?? '');
    if (found) return found;
  }
  return undefined;
}
