import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startStack } from './lib/stack';
import type { Bench } from './scenarios';
import { design, fanOut, overhead, parallel, throughput } from './scenarios';

/**
 * `npm run bench [-- --quick] [--only overhead,throughput]`: WAVE against its in-process peers on the same simulated work, on a local dev server
 * this script starts (in memory and on SQLite). Writes bench/results/<date>.json and .md and prints the tables.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1]?.split(',') : undefined;
  const started = Date.now();
  const base = 17_500 + (process.pid % 400);
  const memory = await startStack({ fileBacked: false, port: base });
  const file = await startStack({ fileBacked: true, port: base + 1 });
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const bench: Bench = { memory, file, quick, results: { machine, quick }, md: [] };
  try {
    const scenarios = [overhead, parallel, design, fanOut, throughput];
    const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name));
    if (unknown?.length)
      throw new Error(`unknown scenario ${unknown.join(', ')} (${scenarios.map((s) => s.name).join(', ')})`);
    for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
      const t = Date.now();
      await scenario(bench);
      console.error(`${scenario.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await memory.close();
    await file.close();
  }
  const date = new Date().toISOString().slice(0, 10);
  const header = [
    `## Benchmark ${date}${quick ? ' (quick)' : ''}`,
    '',
    `Command: \`npm run bench${quick ? ' -- --quick' : ''}\` · machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node.js ${machine.node} · ` +
      `embedded Temporal dev server started by the benchmark · total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    '',
  ];
  const markdown = [...header, ...bench.md].join('\n');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const name = `${date}${quick ? '-quick' : ''}${only ? `-${only.join('-')}` : ''}`;
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(bench.results, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), `${markdown}\n`);
  console.log(markdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
