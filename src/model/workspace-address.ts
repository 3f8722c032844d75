/**
 * True for a git remote address (`file://`, `ssh://`, `https://` and other `scheme://` URLs, or scp-like
 * `git@host:path`); false for a path on the machine that reads it.
 */
export function isRemoteAddress(workspace: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(workspace) || /^[^/\s@]+@[^/\s:]+:/.test(workspace);
}
