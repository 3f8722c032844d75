import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { executorMisconfigured } from '../../workflow-safe/failure-types';
import { MIN_SECRET_LENGTH } from '../redact';
import type { SecretRef } from './config';

/**
 * Reads the secrets a phase gets, by reference, on the worker that runs it: from the worker's environment or from
 * a file (its first line; relative paths from the config's folder). A missing one fails the phase with a message
 * that names the reference, never a value.
 */
export function resolveSecrets(input: {
  refs: Record<string, SecretRef>;
  baseDir: string;
  source?: NodeJS.ProcessEnv;
}): Record<string, string> {
  const source = input.source ?? process.env;
  const values: Record<string, string> = {};
  for (const [name, ref] of Object.entries(input.refs)) {
    if ('env' in ref) {
      const value = source[ref.env];
      if (value === undefined || value === '')
        throw executorMisconfigured(`secret ${name}: the worker has no environment variable ${ref.env}`);
      values[name] = value;
      continue;
    }
    const path = resolve(input.baseDir, ref.file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw executorMisconfigured(
        `secret ${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const value = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (!value) throw executorMisconfigured(`secret ${name}: ${path} is empty`);
    values[name] = value;
  }
  const short = Object.entries(values).find(([, value]) => value.length < MIN_SECRET_LENGTH);
  if (short)
    throw executorMisconfigured(
      `secret ${short[0]}: shorter than ${MIN_SECRET_LENGTH} characters, too short to be redacted from output safely`,
    );
  return values;
}
