#!/usr/bin/env node
// Implement phase of the demo: makes the domain's real edits in its worktree (the current directory).
const { domainWork } = require('./work');

const work = domainWork(process.env.WAVE_DOMAIN);
const changed = work.apply(process.cwd());
console.log(`WAVE_SUMMARY ${process.env.WAVE_DOMAIN}: changed ${changed.join(', ')}`);
