/** The result of ordering domains by their dependencies. */
export type LayerOrder = { ok: true; layers: string[][] } | { ok: false; cycle: string[] };

/**
 * Orders domains into layers (Kahn's algorithm): layer 0 has no dependencies, layer k depends only on earlier
 * layers. Within a layer the input order is kept. A cycle is reported with the domains on it.
 */
export function orderLayers(input: { domains: string[]; dependsOn: Record<string, string[]> }): LayerOrder {
  const pending = new Map(input.domains.map((name) => [name, new Set(input.dependsOn[name] ?? [])]));
  const layers: string[][] = [];
  while (pending.size > 0) {
    const ready = [...pending.entries()].filter(([, deps]) => deps.size === 0).map(([name]) => name);
    if (ready.length === 0) return { ok: false, cycle: findCycle(pending) };
    for (const name of ready) pending.delete(name);
    for (const deps of pending.values()) for (const name of ready) deps.delete(name);
    layers.push(ready);
  }
  return { ok: true, layers };
}

/** Walks dependencies from any blocked domain until one repeats: the repeated stretch is a cycle. */
function findCycle(pending: Map<string, Set<string>>): string[] {
  const path: string[] = [];
  let current = pending.keys().next().value as string;
  while (!path.includes(current)) {
    path.push(current);
    const next = [...(pending.get(current) ?? [])][0];
    if (next === undefined) break;
    current = next;
  }
  return [...path.slice(path.indexOf(current)), current];
}
