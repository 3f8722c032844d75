import { summaryFromLine, usageFromLine } from '../../src/executors/command/output-lines';
import { parseTestReport } from '../../src/executors/command/test-report';

describe('test reports', () => {
  test('JUnit XML: passed, failed (failure or error) and skipped test cases', () => {
    const xml = `<?xml version="1.0"?>
<testsuites><testsuite name="api" tests="5">
  <testcase name="a"/>
  <testcase name="b"></testcase>
  <testcase name="c"><failure message="expected 1">trace</failure></testcase>
  <testcase name="d"><error message="boom"/></testcase>
  <testcase name="e"><skipped/></testcase>
</testsuite></testsuites>`;
    expect(parseTestReport(xml)).toEqual({ passed: 2, failed: 2, skipped: 1 });
  });

  test('TAP: ok, not ok, SKIP and TODO directives', () => {
    const tap = [
      'TAP version 13',
      '1..4',
      'ok 1 - a',
      'not ok 2 - b',
      'ok 3 - c # SKIP no db',
      'not ok 4 - d # TODO later',
      '# pass 1',
    ].join('\n');
    expect(parseTestReport(tap)).toEqual({ passed: 2, failed: 1, skipped: 1 });
  });

  test('anything else is not a report', () => {
    expect(parseTestReport('')).toBeUndefined();
    expect(parseTestReport('all good')).toBeUndefined();
    expect(parseTestReport('<html></html>')).toBeUndefined();
  });
});

describe('command output lines', () => {
  test('usage lines add tokens and dollars; malformed ones are ignored', () => {
    expect(usageFromLine('WAVE_USAGE {"tokens":1200,"costUsd":0.034}')).toEqual({ tokens: 1200, costUsd: 0.034 });
    expect(usageFromLine('  WAVE_USAGE {"tokens":10}  ')).toEqual({ tokens: 10, costUsd: 0 });
    expect(usageFromLine('WAVE_USAGE {tokens: 5}')).toBeUndefined();
    expect(usageFromLine('WAVE_USAGE {"tokens":-5,"costUsd":"x"}')).toEqual({ tokens: 0, costUsd: 0 });
    expect(usageFromLine('used 5 tokens')).toBeUndefined();
  });

  test('summary lines', () => {
    expect(summaryFromLine('WAVE_SUMMARY added the login route')).toBe('added the login route');
    expect(summaryFromLine('WAVE_SUMMARY')).toBeUndefined();
  });
});
