import type { MergeResult } from '../../src/model/merge';
import type { AggregatedReport } from '../../src/model/report';
import { gateReview, mergeGate, withGateReview } from '../../src/workflow-safe/merge-gate';
import { domainResult } from '../helpers/results';

type GateReport = Pick<AggregatedReport, 'outcome' | 'domains' | 'allTestsPassed' | 'overlaps'>;

const clean: GateReport = {
  outcome: 'succeeded',
  domains: [domainResult({ domain: 'auth' }), domainResult({ domain: 'ui' })],
  allTestsPassed: true,
  overlaps: [],
};

const merged: MergeResult = {
  branch: 'wave/s1/merged',
  baseCommit: 'a'.repeat(40),
  headCommit: 'b'.repeat(40),
  merged: ['auth', 'ui'],
  conflicts: [],
  tests: { command: 'npm test', passed: true, exitCode: 0, tail: '' },
};

describe('merge gate without a merged tree (the domains’ results decide)', () => {
  test('a clean run is approved', () => {
    expect(mergeGate({ report: clean })).toEqual({
      decision: 'approved',
      reason: 'every domain succeeded and every test passed',
    });
  });

  test('a failed run is rejected', () => {
    expect(mergeGate({ report: { ...clean, outcome: 'failed' } })).toEqual({
      decision: 'rejected',
      reason: 'the run failed',
    });
  });

  test('a partial run, a failing test or a file changed by two domains is escalated to a person', () => {
    expect(mergeGate({ report: { ...clean, outcome: 'partial' } }).decision).toBe('escalated');
    expect(mergeGate({ report: { ...clean, allTestsPassed: false } })).toEqual({
      decision: 'escalated',
      reason: 'not every test passed',
    });
    const overlap = { path: 'src/user.ts', owner: 'auth', domains: ['auth', 'ui'] };
    expect(mergeGate({ report: { ...clean, overlaps: [overlap] } })).toEqual({
      decision: 'escalated',
      reason: '1 file(s) changed by several domains',
    });
  });
});

describe('merge gate with a merged tree', () => {
  test('clean branches whose merged tests pass are approved, even where two domains touched one file', () => {
    const overlap = { path: 'src/user.ts', owner: 'auth', domains: ['auth', 'ui'] };
    expect(mergeGate({ report: { ...clean, overlaps: [overlap] }, merge: merged }).decision).toBe('approved');
  });

  test('a domain that did not pass its tests is escalated, naming it', () => {
    const report = {
      ...clean,
      domains: [domainResult({ domain: 'auth' }), domainResult({ domain: 'ui', testsPassed: false })],
    };
    expect(mergeGate({ report, merge: merged })).toEqual({
      decision: 'escalated',
      reason: 'not every domain passed its tests (ui)',
    });
  });

  test('a conflict names the domains and files; failing merged tests name the exit code', () => {
    const conflicts = [{ domain: 'ui', files: ['shared.txt'], with: ['auth'] }];
    expect(mergeGate({ report: clean, merge: { ...merged, conflicts } }).reason).toBe(
      'merge conflict: ui with auth in shared.txt',
    );
    const tests = { command: 'npm test', passed: false, exitCode: 3, tail: 'boom' };
    expect(mergeGate({ report: clean, merge: { ...merged, tests } })).toEqual({
      decision: 'escalated',
      reason: 'the merged tests failed (exit code 3)',
    });
  });

  test('a failed run is rejected before its merge is looked at', () => {
    const conflicts = [{ domain: 'ui', files: ['shared.txt'], with: [] }];
    expect(mergeGate({ report: { ...clean, outcome: 'failed' }, merge: { ...merged, conflicts } }).decision).toBe(
      'rejected',
    );
  });
});

test('the report records the gate’s verdict as decided by auto-gate', () => {
  expect(gateReview({ decision: 'escalated', reason: 'why' })).toEqual({
    decision: 'escalated',
    by: 'auto-gate',
    reason: 'why',
  });
  const report = withGateReview({ ...clean } as AggregatedReport);
  expect(report.review).toEqual({
    decision: 'approved',
    by: 'auto-gate',
    reason: 'every domain succeeded and every test passed',
  });
});
