import type { Catalog } from '../model/catalog';
import type { SupervisorAnswer } from '../model/supervisor-contract';
import { supervisorAnswerSchema } from '../model/supervisor-contract';
import type { Validation } from '../model/validation';
import { describeZodError } from '../model/validation';
import { jsonObject } from '../workflow-safe/json-values';

/** Longest piece of a command's output quoted in a fallback reason. */
const EXCERPT_LENGTH = 120;

/**
 * Reads a supervisor's answer (a command's stdout, an agent's final message): the whole text when it is one JSON
 * object (pretty-printed or not), else the last line that is a JSON object (a command may log before it answers),
 * else the text between its first `{` and last `}` (an agent may fence its answer), checked against the catalog.
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
  // An agent's answer may wrap its object in a code fence or a sentence: the outermost braces hold it. Output that
  // is JSON of another kind (an array) is not searched.
  return isJson(stdout) ? undefined : jsonObject(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1));
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
