import { Context } from '@temporalio/activity';
import type { AggregatedReport } from '../model/report';
import type { ReportInput } from './build-report';
import { buildReport, slimReport } from './build-report';
import { fetchDomainResults } from './child-results';

/** Reports larger than this travel through history without their per-domain lists (readers rebuild them). */
export const INLINE_REPORT_BYTES = 512 * 1024;

/**
 * The fan-in step: merges the domains' results into the run report. A report too large for history is returned
 * without its per-domain lists, with `fullReport` saying so: every reader rebuilds them from the domains' child
 * workflows (`completeReport` in src/temporal), so nothing is left on this worker's disk that another host needs.
 */
export function createAggregate() {
  return async function aggregate(input: ReportInput): Promise<AggregatedReport> {
    const context = Context.current();
    const fetched = input.childResults?.length
      ? await fetchDomainResults({
          client: context.client,
          workflowIds: input.childResults.map((ref) => ref.workflowId),
          onProgress: (count) => context.heartbeat({ fetched: count, of: input.childResults?.length }),
        })
      : [];
    const report = buildReport({ ...input, results: [...input.results, ...fetched] });
    const bytes = Buffer.byteLength(JSON.stringify(report));
    return bytes <= INLINE_REPORT_BYTES ? report : slimReport({ report, bytes });
  };
}
