import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openClone, pushBranch } from '../src/executors/command/clone-cache';
import { commitAll, ensureWorktree, headOf } from '../src/executors/command/workspace';
import { fmt, stats } from './lib/stats';

/**
 * What the git work around one phase costs on the delivery demo's repository, with a bare remote over file:// and a
 * worker's clone cache: the first phase of a domain on a host (clone cache fetch and a new worktree), a later phase on
 * the same host (fetch and reuse), the push after implement, and the same phase on a host that never saw the domain
 * (failover: the worktree rebuilt from the remote branch). `npm run bench:git [-- --runs 10]`.
 */
const EXAMPLE = resolve(__dirname, '..', 'examples', 'delivery-demo');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 10;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-bench-git-'));
  const checkout = join(dir, 'shop');
  execFileSync(join(EXAMPLE, 'create-repo.sh'), [checkout]);
  const bare = join(dir, 'remote.git');
  execFileSync('git', ['clone', '--quiet', '--bare', checkout, bare]);
  const remote = `file://${bare}`;
  const baseCommit = execFileSync('git', ['-C', bare, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const host = await openClone({ cacheDir: join(dir, 'host-a'), remote });
  const other = await openClone({ cacheDir: join(dir, 'host-b'), remote });
  const figures = {
    firstPhase: [] as number[],
    laterPhase: [] as number[],
    push: [] as number[],
    failover: [] as number[],
  };
  for (let run = 0; run < runs; run++) {
    const ids = { storyId: `bench-${run}`, domain: 'payments', baseCommit, dependsOn: [] };
    const [tree, first] = await timed(() => ensureWorktree({ clone: host, ...ids }));
    figures.firstPhase.push(first);
    writeFileSync(join(tree.path, `change-${run}.txt`), 'work\n');
    await commitAll({ path: tree.path, message: 'bench' });
    const [, push] = await timed(() =>
      pushBranch({ cwd: tree.path, clone: host, branch: tree.branch, label: 'bench' }),
    );
    figures.push.push(push);
    const startCommit = await headOf(tree.path);
    const [, later] = await timed(() => ensureWorktree({ clone: host, ...ids, startCommit }));
    figures.laterPhase.push(later);
    const [, failover] = await timed(() => ensureWorktree({ clone: other, ...ids, startCommit }));
    figures.failover.push(failover);
  }
  const rows = Object.entries(figures).map(([name, values]) => {
    const s = stats(values);
    return `| ${name} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.min)} | ${fmt(s.max)} |`;
  });
  console.log(`Git overhead per phase on the delivery demo (${runs} runs, ms)`);
  console.log(['| step | median | p95 | min | max |', '| --- | --- | --- | --- | --- |', ...rows].join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
