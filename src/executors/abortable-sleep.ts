/** Waits `ms` milliseconds, or rejects with the signal's reason as soon as it is aborted. */
export function abortableSleep(input: { ms: number; signal: AbortSignal }): Promise<void> {
  const { ms, signal } = input;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
