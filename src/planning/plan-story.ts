import type { Catalog, DomainSpec } from '../model/catalog';
import type { StoryPlan, SupervisorRecord } from '../model/plan';
import type { StoryRequest } from '../model/story-request';
import type { SupervisorVerdict } from '../model/supervisor-contract';
import type { Validation } from '../model/validation';
import { splitByWeight } from '../workflow-safe/usage';
import { orderLayers } from './layers';
import { routeStoryWithModel } from './story-router';

interface Selected {
  spec: DomainSpec;
  reason: string;
}

/** The domains chosen for a story, who chose them, and the dependencies the chooser adds to the catalog's. */
interface Selection {
  routedBy: StoryPlan['routedBy'];
  selected: Selected[];
  dependencies: Record<string, string[]>;
}

/** A failed plan says whether a dependency cycle failed it: a cycle the supervisor made is a reason to fall back. */
type Planned = { ok: true; value: StoryPlan } | { ok: false; message: string; cycle?: true };

/**
 * Routes a validated request with a catalog and plans layers and budget shares. Pure: the supervisor activity and
 * `wave plan` share it. `supervisor` is what the configured supervisor command said (asked beforehand, since asking
 * is I/O): its domains, reasons and dependencies are used when it gave a valid answer, else the built-in router
 * routes and the plan records why. Domains named in the request win over both.
 */
export function planStory(input: {
  request: StoryRequest;
  storyId: string;
  catalog: Catalog;
  supervisor?: SupervisorVerdict;
}): Validation<StoryPlan> {
  const { request, supervisor } = input;
  const known = new Map(input.catalog.domains.map((spec) => [spec.name, spec]));
  if (request.domains) return planSelection({ ...input, selection: namedInRequest({ names: request.domains, known }) });
  const builtin = () => routedByKeywords({ ...input, known });
  if (!supervisor) return planSelection({ ...input, selection: builtin() });
  const record = {
    command: supervisor.command,
    durationMs: supervisor.durationMs,
    ...(supervisor.usage ? { usage: supervisor.usage } : {}),
  };
  if (supervisor.ok) {
    const planned = planSelection({ ...input, selection: chosenBySupervisor({ verdict: supervisor, known }) });
    if (planned.ok || !planned.cycle) return withRecord({ planned, record });
    return withRecord({
      planned: planSelection({ ...input, selection: builtin() }),
      record: { ...record, fallback: planned.message },
    });
  }
  return withRecord({
    planned: planSelection({ ...input, selection: builtin() }),
    record: { ...record, fallback: supervisor.fallback },
  });
}

/** The plan with what the supervisor did; a failed plan says why the supervisor was not followed, if it was not. */
function withRecord(input: { planned: Planned; record: SupervisorRecord }): Validation<StoryPlan> {
  const { planned, record } = input;
  if (planned.ok) return { ok: true, value: { ...planned.value, supervisor: record } };
  const note = record.fallback ? ` (the supervisor ${record.command} was not used: ${record.fallback})` : '';
  return { ok: false, message: `${planned.message}${note}` };
}

/** Orders the selected domains into layers and splits the budget between them. */
function planSelection(input: { request: StoryRequest; storyId: string; selection: Validation<Selection> }): Planned {
  const { request, selection } = input;
  if (!selection.ok) return selection;
  const { selected } = selection.value;
  const names = selected.map((entry) => entry.spec.name);
  const dependsOn = collectDependencies({ request, selection: selection.value, names });
  if (!dependsOn.ok) return dependsOn;
  const order = orderLayers({ domains: names, dependsOn: dependsOn.value });
  if (!order.ok) return { ok: false, message: `dependencies: cycle ${order.cycle.join(' → ')}`, cycle: true };
  const layerOf = new Map(order.layers.flatMap((layer, index) => layer.map((name) => [name, index] as const)));
  const shares = splitByWeight({
    total: request.budget,
    parts: selected.map((entry) => ({ name: entry.spec.name, weight: entry.spec.weight })),
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
  const domains = selected.map(({ spec, reason }) => ({
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
      routedBy: selection.value.routedBy,
      domains,
      layers: order.layers,
      budget: request.budget,
    },
  };
}

/** The domains the request names, in its order. */
function namedInRequest(input: { names: string[]; known: Map<string, DomainSpec> }): Validation<Selection> {
  const unknown = input.names.filter((name) => !input.known.has(name));
  if (unknown.length) {
    return { ok: false, message: `domains: unknown domain ${quoteAll(unknown)} (known: ${knownList(input.known)})` };
  }
  return {
    ok: true,
    value: {
      routedBy: 'request',
      selected: input.names.map((name) => ({
        spec: input.known.get(name) as DomainSpec,
        reason: 'named in the request',
      })),
      dependencies: {},
    },
  };
}

/** The domains the built-in keyword router finds in the title and description. */
function routedByKeywords(input: {
  request: StoryRequest;
  catalog: Catalog;
  known: Map<string, DomainSpec>;
}): Validation<Selection> {
  const text = [input.request.title, input.request.description ?? ''].join('\n');
  const matches = routeStoryWithModel({ text, catalog: input.catalog });
  if (matches.length === 0) {
    return {
      ok: false,
      message: `title: the story routes to no domain; name its domains explicitly (--domains, known: ${knownList(input.known)})`,
    };
  }
  return {
    ok: true,
    value: {
      routedBy: 'router',
      selected: matches.map((match) => ({ spec: input.known.get(match.domain) as DomainSpec, reason: match.reason })),
      dependencies: {},
    },
  };
}

/** The domains of a supervisor's answer (checked against the catalog when it was read), with its reasons. */
function chosenBySupervisor(input: {
  verdict: SupervisorVerdict & { ok: true };
  known: Map<string, DomainSpec>;
}): Validation<Selection> {
  const { answer } = input.verdict;
  if (answer.domains.length === 0)
    return {
      ok: false,
      message: `title: the supervisor (${input.verdict.command}) found no product work in the story; name its domains explicitly (--domains, known: ${knownList(input.known)})`,
    };
  return {
    ok: true,
    value: {
      routedBy: 'supervisor',
      selected: answer.domains.map(({ name, reason }) => ({ spec: input.known.get(name) as DomainSpec, reason })),
      dependencies: answer.dependencies ?? {},
    },
  };
}

/** Every selected domain's dependencies: the catalog's, the chooser's and the request's, among the selected ones. */
function collectDependencies(input: {
  request: StoryRequest;
  selection: Selection;
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
  for (const { spec } of input.selection.selected) {
    const fromCatalog = spec.dependsOn.filter((name) => inStory.has(name));
    const chosen = input.selection.dependencies[spec.name] ?? [];
    result[spec.name] = [...new Set([...fromCatalog, ...chosen, ...(extra[spec.name] ?? [])])];
  }
  return { ok: true, value: result };
}

function knownList(known: Map<string, DomainSpec>): string {
  return [...known.keys()].join(', ');
}

function quoteAll(names: string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}
