#!/usr/bin/env node
// Test phase of the demo: runs the repository's tests and leaves a TAP report where WAVE asks for one.
const { spawnSync } = require('node:child_process');
const { writeFileSync } = require('node:fs');

const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap'], { encoding: 'utf8' });
if (process.env.WAVE_TEST_REPORT) writeFileSync(process.env.WAVE_TEST_REPORT, run.stdout);
const failing = run.stdout.split('\n').filter((line) => /^\s*not ok/.test(line));
console.log(failing.length ? failing.join('\n') : `WAVE_SUMMARY all tests pass`);
process.exit(run.status ?? 1);
