import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import type { StoryRequestInput } from '../model/story-request';
import { UserError } from '../model/user-errors';
import { isRemoteAddress } from '../model/workspace-address';

/** Flags shared by `wave plan` and `wave run` that shape the request. */
export const REQUEST_FLAGS = {
  description: { type: 'string' },
  domains: { type: 'string' },
  depends: { type: 'string', multiple: true },
  id: { type: 'string' },
  'budget-tokens': { type: 'string' },
  'budget-usd': { type: 'string' },
  'budget-minutes': { type: 'string' },
  'fail-fast': { type: 'boolean' },
  'no-fail-fast': { type: 'boolean' },
  tolerate: { type: 'string' },
  'max-parallel': { type: 'string' },
  'max-fix': { type: 'string' },
  'phase-ms': { type: 'string' },
  request: { type: 'string' },
  executor: { type: 'string' },
  workspace: { type: 'string' },
  output: { type: 'string', default: 'text' },
} as const;

export type OutputFormat = 'text' | 'json';

/** Parses a command's flags; unknown flags and missing values are usage errors. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(input: { args: string[]; options: O }) {
  try {
    return parseArgs({
      args: input.args,
      options: input.options,
      allowPositionals: true as const,
      strict: true as const,
    });
  } catch (err) {
    throw new UserError(
      (err as Error).message
        .replace(/^TypeError \[[A-Z_]+\]: /, '')
        .split('\n')
        .join(' '),
    );
  }
}

export function outputFormat(value: unknown): OutputFormat {
  if (value === 'text' || value === 'json') return value;
  throw new UserError(`--output must be text or json, not ${JSON.stringify(value)}`);
}

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new UserError(`--${name} must be a number, not ${JSON.stringify(value)}`);
  return number;
}

function readRequestFile(path: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('expected a JSON object');
    return data as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`--request ${path}: ${(err as Error).message}`);
  }
}

/** `--depends ui:api,data` → `{ ui: ['api', 'data'] }` (repeatable). */
function dependencies(values: string[] | undefined): Record<string, string[]> | undefined {
  if (!values?.length) return undefined;
  const result: Record<string, string[]> = {};
  for (const value of values) {
    const [domain, deps, extra] = value.split(':');
    if (!domain || deps === undefined || extra !== undefined)
      throw new UserError(`--depends must look like ui:api,data, not ${JSON.stringify(value)}`);
    result[domain.trim()] = [...(result[domain.trim()] ?? []), ...list(deps)];
  }
  return result;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function tolerance(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return value.trim().endsWith('%') ? value.trim() : numberFlag('tolerate', value);
}

type Values = Record<string, string | boolean | string[] | undefined>;

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Builds the request from the story text and flags, on top of an optional `--request file.json` (flags win). The
 * result is validated later, once, by the request schema.
 */
export function requestFromFlags(input: { story: string | undefined; values: Values }): StoryRequestInput {
  const v = input.values;
  const base = typeof v.request === 'string' ? readRequestFile(v.request) : {};
  const title = input.story ?? (base.title as string | undefined);
  if (title === undefined)
    throw new UserError('missing the story text, e.g. wave run "Add Google login and Stripe checkout"');
  const failFast = v['no-fail-fast'] ? false : v['fail-fast'] ? true : undefined;
  const minutes = numberFlag('budget-minutes', v['budget-minutes'] as string | undefined);
  const policy = compact({
    ...(base.policy as object | undefined),
    failFast,
    toleratedFailures: tolerance(v.tolerate as string | undefined),
    maxParallelDomains: numberFlag('max-parallel', v['max-parallel'] as string | undefined),
    maxFixAttempts: numberFlag('max-fix', v['max-fix'] as string | undefined),
  });
  const budget = compact({
    ...(base.budget as object | undefined),
    tokens: numberFlag('budget-tokens', v['budget-tokens'] as string | undefined),
    costUsd: numberFlag('budget-usd', v['budget-usd'] as string | undefined),
    wallClockMs: minutes === undefined ? undefined : Math.round(minutes * 60_000),
  });
  const phaseMs = numberFlag('phase-ms', v['phase-ms'] as string | undefined);
  const kind = v.executor as string | undefined;
  const executor =
    kind !== undefined
      ? { ...(base.executor as Record<string, unknown> | undefined), kind }
      : ((base.executor as Record<string, unknown> | undefined) ??
        (phaseMs !== undefined ? { kind: 'simulated' } : undefined));
  const workspace = (v.workspace as string | undefined) ?? (base.workspace as string | undefined);
  return compact({
    ...base,
    title,
    description: (v.description as string | undefined) ?? base.description,
    storyId: (v.id as string | undefined) ?? base.storyId,
    // The worker may run elsewhere: send an absolute path, or the remote address as it is.
    workspace: workspace === undefined || isRemoteAddress(workspace) ? workspace : resolve(workspace),
    domains: typeof v.domains === 'string' ? list(v.domains) : base.domains,
    dependencies: dependencies(v.depends as string[] | undefined) ?? base.dependencies,
    policy,
    budget,
    executor: executor && phaseMs !== undefined ? { ...executor, phaseMs } : executor,
  }) as StoryRequestInput;
}
