const locks = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier call for the same repository has finished (git locks refs and worktree lists). */
export function serialized<T>(root: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(root) ?? Promise.resolve();
  const next = previous.then(work, work);
  locks.set(
    root,
    next.catch(() => undefined),
  );
  return next;
}
