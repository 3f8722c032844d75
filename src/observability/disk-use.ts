import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Runtime } from '@temporalio/worker';

/** Bytes of the files under `dir` (links not followed); 0 when it does not exist. */
export async function diskUse(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let bytes = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += await diskUse(path);
    else if (entry.isFile())
      bytes += await stat(path).then(
        (s) => s.size,
        () => 0,
      );
  }
  return bytes;
}

/**
 * Reports the disk use of this worker's clone cache (clones and worktrees) as the gauge `wave_worktree_disk_bytes`
 * (label `host`), now and then every `intervalMs`; `stop()` ends it.
 */
export function reportDiskUse(input: { dir: string; host: string; intervalMs?: number }): { stop(): void } {
  const gauge = Runtime.instance().metricMeter.createGauge(
    'wave_worktree_disk_bytes',
    'int',
    'bytes',
    "Disk used by this worker's clone cache and worktrees",
  );
  let measuring = false;
  const measure = () => {
    if (measuring) return;
    measuring = true;
    void diskUse(input.dir)
      .then((bytes) => gauge.set(bytes, { host: input.host }))
      .finally(() => (measuring = false));
  };
  measure();
  const timer = setInterval(measure, input.intervalMs ?? 30_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
