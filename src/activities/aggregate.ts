import type { ReportInput, RunReport } from '../shared/report';
import { buildReport } from '../shared/report';

/** The fan-in step: merges the domains' results into the run report. */
export function createAggregate() {
  return async function aggregate(input: ReportInput): Promise<RunReport> {
    return buildReport(input);
  };
}
