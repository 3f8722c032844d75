#!/usr/bin/env node
// Plan phase of the demo: says which files the domain will change. A real setup runs a planning agent here.
const { domainWork } = require('./work');

const work = domainWork(process.env.WAVE_DOMAIN);
console.log(`Story: ${process.env.WAVE_STORY}`);
console.log(`WAVE_SUMMARY ${process.env.WAVE_DOMAIN}: ${work.describe()}`);
