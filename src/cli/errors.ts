import { redactor, secretValues } from '../executors/redact';
import type { RunReport } from '../model/report';
import { UserError } from '../model/user-errors';

/** Exit codes of `wave`: 0 succeeded, 1 failed (or rejected by the merge review), 2 bad usage or input, 3 partial. */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, partial: 3, interrupted: 130 } as const;

/** The exit code of a finished run: a rejected review or a failed `onApproved` command counts as failed. */
export function exitCodeFor(report: Pick<RunReport, 'outcome' | 'review' | 'onApproved'>): number {
  if (report.review.decision === 'rejected' || report.onApproved?.passed === false) return EXIT.failed;
  return EXIT[report.outcome];
}

/** Ctrl-C while following a run: the run itself is not touched. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/** The run ended without a report (failed, cancelled, terminated): exit code 1. */
export class RunFailed extends Error {
  override readonly name = 'RunFailed';
}

/** Secrets the CLI itself holds (API key, codec token and keys); never printed. */
function cliRedactor(): (text: string) => string {
  const env = process.env;
  const keys = (env.WAVE_CODEC_KEYS ?? '').split(/[,\n]/).flatMap((entry) => entry.split(':').slice(1));
  return redactor([...secretValues({ env, names: Object.keys(env) }), ...keys]);
}

/**
 * Every error that reaches the user, as one line on stderr with its exit code: bad input and configuration (2, see
 * {@link UserError}), an interrupted follow (130), a failed run or anything else (1; the stack only with WAVE_DEBUG).
 */
export function reportError(err: unknown): number {
  const redact = cliRedactor();
  const message = redact(err instanceof Error ? err.message : String(err));
  if (err instanceof UserError) {
    console.error(`wave: ${message}`);
    return EXIT.usage;
  }
  if (err instanceof Interrupted) {
    console.error(`wave: ${message}`);
    return EXIT.interrupted;
  }
  console.error(`wave: ${err instanceof RunFailed ? 'run failed: ' : ''}${message}`);
  if (process.env.WAVE_DEBUG && err instanceof Error) console.error(redact(err.stack ?? ''));
  return EXIT.failed;
}
