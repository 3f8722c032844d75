/** Resolves on the first SIGINT or SIGTERM; `dispose` removes the listeners. */
export function nextStopSignal(): { signal: Promise<NodeJS.Signals>; dispose(): void } {
  let onSignal: ((name: NodeJS.Signals) => void) | undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return {
    signal,
    dispose: () => {
      if (!onSignal) return;
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
  };
}
