import type { Catalog, DomainSpec } from '../model/catalog';
import type { StoryPlan } from '../model/plan';
import type { StoryRequest } from '../model/story-request';
import type { Validation } from '../model/validation';
import { splitByWeight } from '../workflow-safe/usage';
import { orderLayers } from './layers';
import { routeStory } from './routing';

interface Selected {
  spec: DomainSpec;
  reason: string;
}

/** Routes a validated request with a catalog and plans layers and budget shares. Pure: the supervisor activity and `wave plan` share it. */
export function planStory(input: { request: StoryRequest; storyId: string; catalog: Catalog }): Validation<StoryPlan> {
  const { request, catalog } = input;
  const known = new Map(catalog.domains.map((spec) => [spec.name, spec]));
  const selection = selectDomains({ request, catalog, known });
  if (!selection.ok) return selection;
  const names = selection.value.map((entry) => entry.spec.name);
  const dependsOn = collectDependencies({ request, selected: selection.value, names });
  if (!dependsOn.ok) return dependsOn;
  const order = orderLayers({ domains: names, dependsOn: dependsOn.value });
  if (!order.ok) return { ok: false, message: `dependencies: cycle ${order.cycle.join(' → ')}` };
  const layerOf = new Map(order.layers.flatMap((layer, index) => layer.map((name) => [name, index] as const)));
  const shares = splitByWeight({
    total: request.budget,
    parts: selection.value.map((entry) => ({ name: entry.spec.name, weight: entry.spec.weight })),
  });
  const starved = [...shares.entries()]
    .filter(([, share]) => share.tokens === 0 || share.costUsd === 0)
    .map(([name]) => name);
  if (starved.length) {
    return {
      ok: false,
      message: `budget: too small to give every domain a share (${starved.join(', ')} would get nothing)`,
    };
  }
  const domains = selection.value.map(({ spec, reason }) => ({
    name: spec.name,
    critical: spec.critical,
    layer: layerOf.get(spec.name) ?? 0,
    weight: spec.weight,
    dependsOn: dependsOn.value[spec.name] ?? [],
    budget: shares.get(spec.name) ?? { tokens: 0, costUsd: 0 },
    reason,
  }));
  return {
    ok: true,
    value: {
      storyId: input.storyId,
      title: request.title,
      routedBy: request.domains ? 'request' : 'router',
      domains,
      layers: order.layers,
      budget: request.budget,
    },
  };
}

function selectDomains(input: {
  request: StoryRequest;
  catalog: Catalog;
  known: Map<string, DomainSpec>;
}): Validation<Selected[]> {
  const knownList = [...input.known.keys()].join(', ');
  if (input.request.domains) {
    const unknown = input.request.domains.filter((name) => !input.known.has(name));
    if (unknown.length)
      return { ok: false, message: `domains: unknown domain ${quoteAll(unknown)} (known: ${knownList})` };
    return {
      ok: true,
      value: input.request.domains.map((name) => ({
        spec: input.known.get(name) as DomainSpec,
        reason: 'named in the request',
      })),
    };
  }
  const text = [input.request.title, input.request.description ?? ''].join('\n');
  const matches = routeStory({ text, catalog: input.catalog });
  if (matches.length === 0) {
    return {
      ok: false,
      message: `title: the story routes to no domain; name its domains explicitly (--domains, known: ${knownList})`,
    };
  }
  return {
    ok: true,
    value: matches.map((match) => ({ spec: input.known.get(match.domain) as DomainSpec, reason: match.reason })),
  };
}

function collectDependencies(input: {
  request: StoryRequest;
  selected: Selected[];
  names: string[];
}): Validation<Record<string, string[]>> {
  const inStory = new Set(input.names);
  const extra = input.request.dependencies ?? {};
  for (const [domain, deps] of Object.entries(extra)) {
    const outside = [domain, ...deps].filter((name) => !inStory.has(name));
    if (outside.length) {
      return {
        ok: false,
        message: `dependencies.${domain}: ${quoteAll(outside)} not among the story's domains (${input.names.join(', ')})`,
      };
    }
  }
  const result: Record<string, string[]> = {};
  for (const { spec } of input.selected) {
    const fromCatalog = spec.dependsOn.filter((name) => inStory.has(name));
    result[spec.name] = [...new Set([...fromCatalog, ...(extra[spec.name] ?? [])])];
  }
  return { ok: true, value: result };
}

function quoteAll(names: string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}
