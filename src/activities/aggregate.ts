import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Context } from '@temporalio/activity';
import type { AggregatedReport } from '../model/report';
import type { DomainResult } from '../model/results';
import type { ReportInput } from './build-report';
import { buildReport } from './build-report';

/** Reports larger than this are stored in full on the worker and travel through history without phase details. */
export const INLINE_REPORT_BYTES = 512 * 1024;
const FETCH_CONCURRENCY = 32;

/** Reads children's results by reference, a few at a time. */
async function fetchResults(refs: NonNullable<ReportInput['childResults']>): Promise<DomainResult[]> {
  const client = Context.current().client;
  const results: DomainResult[] = [];
  for (let i = 0; i < refs.length; i += FETCH_CONCURRENCY) {
    const batch = refs.slice(i, i + FETCH_CONCURRENCY).map((ref) => client.workflow.getHandle(ref.workflowId).result());
    results.push(...((await Promise.all(batch)) as DomainResult[]));
    Context.current().heartbeat({ fetched: results.length, of: refs.length });
  }
  return results;
}

/**
 * The fan-in step: merges the domains' results into the run report. A report too large for history is written in
 * full to `reportsDir/<storyId>.json` and returned without per-phase details, with `fullReport` pointing at it.
 */
export function createAggregate(deps: { reportsDir?: string } = {}) {
  return async function aggregate(input: ReportInput): Promise<AggregatedReport> {
    const fetched = input.childResults?.length ? await fetchResults(input.childResults) : [];
    const report = buildReport({ ...input, results: [...input.results, ...fetched] });
    const text = JSON.stringify(report);
    if (Buffer.byteLength(text) <= INLINE_REPORT_BYTES) return report;
    const dir = resolve(deps.reportsDir ?? '.wave/reports');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${report.storyId}.json`);
    writeFileSync(path, text);
    // What travels through history keeps the verdict, totals and every domain's status; the lists that grow with
    // the number of domains (phases, files, per-domain budgets) are in the stored report only.
    return {
      ...report,
      domains: report.domains.map((domain) => ({ ...domain, filesModified: [], phases: [] })),
      filesByDomain: {},
      aggregatedFiles: [],
      overlaps: report.overlaps.slice(0, 100),
      budget: { ...report.budget, perDomain: [] },
      fullReport: { path, bytes: Buffer.byteLength(text) },
    };
  };
}
