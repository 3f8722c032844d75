import type { TestCounts } from '../../model/results';

/** Reads test counts from a JUnit XML or TAP report; undefined when the text is neither. */
export function parseTestReport(text: string): TestCounts | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  return trimmed.startsWith('<') ? parseJUnit(trimmed) : parseTap(trimmed);
}

function parseJUnit(xml: string): TestCounts | undefined {
  const cases = [...xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)];
  if (cases.length === 0) return undefined;
  let failed = 0;
  let skipped = 0;
  for (const match of cases) {
    const body = match[2] ?? '';
    if (/<(failure|error)\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) skipped++;
  }
  return { passed: cases.length - failed - skipped, failed, skipped };
}

function parseTap(tap: string): TestCounts | undefined {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let seen = false;
  for (const line of tap.split('\n')) {
    const match = /^\s*(not ok|ok)\b(.*)$/.exec(line);
    if (!match) continue;
    seen = true;
    if (/#\s*skip/i.test(match[2] ?? '')) counts.skipped++;
    else if (match[1] === 'ok' || /#\s*todo/i.test(match[2] ?? '')) counts.passed++;
    else counts.failed++;
  }
  return seen ? counts : undefined;
}
