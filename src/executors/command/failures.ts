import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../../shared/errors';

/** A configuration problem retrying cannot fix (missing command, unknown program). */
export function misconfigured(message: string): ApplicationFailure {
  return ApplicationFailure.create({ message, type: FailureType.ExecutorMisconfigured, nonRetryable: true });
}

/** A command failed or timed out; the retry policy decides whether to try again. */
export function commandFailed(input: {
  message: string;
  type: 'CommandFailed' | 'CommandTimedOut';
}): ApplicationFailure {
  return ApplicationFailure.create({ message: input.message, type: input.type });
}

/** The last `max` characters of a command's output, for messages and heartbeats. */
export function lastChars(text: string, max = 2000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}
