import type { DomainStatus } from '../model/results';

/** Ends a domain early with a status and a reason (budget, rejection, failing tests, lost hosts). */
export class DomainStop extends Error {
  constructor(
    readonly status: DomainStatus,
    readonly failure: { type: string; message: string },
  ) {
    super(failure.message);
  }
}
