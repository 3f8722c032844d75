import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@localhost', '-c', 'commit.gpgsign=false'];

/** Runs git in `cwd` and returns its trimmed output. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8' }).trim();
}

/** A new repository with `files` committed on `main`. */
export function createRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'wave-repo-'));
  gitIn(root, 'init', '--quiet', '--initial-branch=main');
  writeFiles(root, files);
  gitIn(root, 'add', '-A');
  gitIn(root, 'commit', '--quiet', '-m', 'initial');
  return root;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Writes executable bash scripts into a new folder and returns it. */
export function scriptsDir(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wave-scripts-'));
  for (const [name, body] of Object.entries(scripts)) {
    const path = join(dir, name);
    writeFileSync(path, `#!/usr/bin/env bash\nset -euo pipefail\n${body}\n`);
    chmodSync(path, 0o755);
  }
  return dir;
}
