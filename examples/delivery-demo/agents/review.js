#!/usr/bin/env node
// Review phase of the demo: approves a plan that names the files it changes (exit 0), rejects one that does not.
const plan = process.env.WAVE_PLAN || '';
if (!/src\//.test(plan)) {
  console.log(`WAVE_SUMMARY rejected: the plan names no file (${plan || 'empty plan'})`);
  process.exit(1);
}
console.log('WAVE_SUMMARY approved: the plan is small and names its files');
