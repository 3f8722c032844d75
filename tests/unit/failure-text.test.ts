import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { failureText } from '../../src/temporal/failure-text';
import { domainErrorText } from '../../src/workflow-safe/domain-error';

test('a run’s failure names the activity and the worker that ran it, then the cause, never only "Activity task failed"', () => {
  const cause = ApplicationFailure.create({
    type: 'PushRefused',
    message: 'file:///srv/shop.git refused the push of wave/s1/merged: pre-receive hook declined',
  });
  const failure = new ActivityFailure(
    'Activity task failed',
    'mergeReview',
    '7',
    RetryState.MAXIMUM_ATTEMPTS_REACHED,
    'host-b/4711',
    cause,
  );
  expect(failureText(failure)).toBe(
    'mergeReview on host-b/4711: file:///srv/shop.git refused the push of wave/s1/merged: pre-receive hook declined',
  );
  expect(failureText(cause)).toBe(cause.message);
});

test('a domain’s error says where it failed when that is known', () => {
  const error = { type: 'CommandFailed', message: 'api/implement exited with code 1: boom' };
  expect(domainErrorText({ error, failedAt: { phase: 'implement', host: 'host-a/42' } })).toBe(
    'CommandFailed: api/implement exited with code 1: boom (during implement on host-a/42)',
  );
  expect(domainErrorText({ error })).toBe('CommandFailed: api/implement exited with code 1: boom');
  expect(domainErrorText({})).toBe('');
});
