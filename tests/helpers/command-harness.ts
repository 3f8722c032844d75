import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config';
import { executorsFromConfig } from '../../src/config/worker-options';
import type { DevServer } from '../../src/temporal/dev-server';
import { scriptsDir } from './git-repo';
import type { Harness } from './harness';
import { startHarness } from './harness';

/** Bash bodies of the four phase scripts (and optionally the merged-tree test). */
export interface PhaseScripts {
  plan?: string;
  review?: string;
  implement: string;
  test?: string;
  merged?: string;
}

const DEFAULTS = {
  plan: 'echo "WAVE_SUMMARY plan: change src/$WAVE_DOMAIN.js"\necho \'WAVE_USAGE {"tokens":100,"costUsd":0.001}\'',
  review: 'echo "WAVE_SUMMARY approved"',
  test: 'test -f "src/$WAVE_DOMAIN.js" && echo "ok 1 - $WAVE_DOMAIN file exists"',
};

/** A folder tests' scripts may write markers into; passed to commands as `WAVE_TEST_MARKERS`. */
export function markersDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wave-markers-'));
  process.env.WAVE_TEST_MARKERS = dir;
  return dir;
}

/** The `executors.command` configuration for scripts written to a temporary folder. */
export function commandConfig(input: { scripts: PhaseScripts; timeoutMs?: number; extra?: object; env?: string[] }) {
  const dir = scriptsDir({
    'plan.sh': input.scripts.plan ?? DEFAULTS.plan,
    'review.sh': input.scripts.review ?? DEFAULTS.review,
    'implement.sh': input.scripts.implement,
    'test.sh': input.scripts.test ?? DEFAULTS.test,
    'merged.sh': input.scripts.merged ?? 'exit 0',
  });
  const phase = (name: string) => ({
    command: `./${name}.sh`,
    timeoutMs: input.timeoutMs ?? 30_000,
    env: ['WAVE_TEST_MARKERS', ...(input.env ?? [])],
  });
  return {
    dir,
    data: {
      executors: {
        command: {
          phases: { plan: phase('plan'), review: phase('review'), implement: phase('implement'), test: phase('test') },
          ...(input.scripts.merged !== undefined ? { mergeTest: phase('merged') } : {}),
          ...input.extra,
        },
      },
    },
  };
}

/** A worker whose command executor runs the given scripts. */
export async function startCommandHarness(input: {
  server: DevServer;
  scripts: PhaseScripts;
  timeoutMs?: number;
}): Promise<Harness> {
  const { dir, data } = commandConfig(input);
  const config = parseConfig({ data, baseDir: dir });
  return startHarness({ server: input.server, executors: executorsFromConfig(config) });
}
