// Shared by the fake agent CLIs in this folder. Each fake prints the output format of the real CLI (as documented in
// src/executors/agents/<name>.ts) and does a little real work in its working directory, steered by FAKE_AGENT_MODE:
//   ok (default)            answer, with usage
//   slow                    pause between events (for streaming tests)
//   auth | api-error | limit   the CLI's own error result
//   expensive               many costly events, slowly: a budget stop must interrupt it
//   fail-unless-resumed     fail after the session started, unless started with the CLI's resume option
//   echo-secret             print the value of the variable FAKE_SECRET_NAME names, and the prompt
//   no-verdict              a review or test answer without its VERDICT line
//   crash-after-tool        (claude) die after a tool's output that mentions authentication
//   fail-first              (codex) on the first attempt (WAVE_ATTEMPT=1), spend some tokens, then fail the turn
// FAKE_AGENT_ANSWER (claude): the final message to give, with no work done (an agent asked to route a story).
// FAKE_AGENT_MODES_FILE, when set, names a JSON file of modes by "<domain>/<phase>" or "<domain>" (over
// FAKE_AGENT_MODE). FAKE_AGENT_LOG, when set, gets one JSON line per run: {agent, argv, phase, domain}.
const { appendFileSync, existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

function modeText() {
  const file = process.env.FAKE_AGENT_MODES_FILE;
  const modes = file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const domain = process.env.WAVE_DOMAIN;
  return modes[`${domain}/${process.env.WAVE_PHASE}`] || modes[domain] || process.env.FAKE_AGENT_MODE || 'ok';
}

const mode = new Set(modeText().split(','));

function record(agent, prompt) {
  if (!process.env.FAKE_AGENT_LOG) return;
  const entry = {
    agent,
    argv: process.argv.slice(2),
    stdin: prompt,
    phase: process.env.WAVE_PHASE,
    domain: process.env.WAVE_DOMAIN,
  };
  appendFileSync(process.env.FAKE_AGENT_LOG, `${JSON.stringify(entry)}\n`);
}

/** The value of an option given as `name value` or `name=value`. */
function option(name) {
  const glued = process.argv.find((arg) => arg.startsWith(`${name}=`));
  if (glued) return glued.slice(name.length + 1);
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** What was written to stdin (the prompt, for CLIs that read it there). */
function stdin() {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The phase's work: implement writes a file; review approves; test passes. Returns the agent's final words. */
function doWork(agent) {
  const phase = process.env.WAVE_PHASE || 'implement';
  const domain = process.env.WAVE_DOMAIN || 'domain';
  if (phase === 'implement') {
    const file = `${domain}-by-${agent}.txt`;
    writeFileSync(join(process.cwd(), file), `${domain} work by ${agent}\n`);
    return `Implemented the ${domain} part in ${file}.`;
  }
  if (phase === 'review') return `The plan is small and names its files.${verdict('APPROVE')}`;
  if (phase === 'test') return `All ${domain} tests pass.${verdict('PASS')}`;
  return `Plan: change src/${domain}.js and add a test.`;
}

function verdict(word) {
  return mode.has('no-verdict') ? '' : `\nVERDICT: ${word}`;
}

function secretText(prompt) {
  const name = process.env.FAKE_SECRET_NAME;
  return mode.has('echo-secret') && name ? ` The key is ${process.env[name]}. I was told: ${prompt}` : '';
}

function id() {
  return `${Date.now().toString(16)}-${process.pid.toString(16)}-4a1b-8c2d-${Math.random().toString(16).slice(2, 14)}`;
}

module.exports = { mode, record, option, stdin, sleep, doWork, secretText, id };
