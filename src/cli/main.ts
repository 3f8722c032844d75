import { loadConfig } from '../config/load-config';
import { installRuntime } from '../observability/runtime';
import { cancelCommand } from './commands/cancel';
import { cleanCommand } from './commands/clean';
import { codecServerCommand } from './commands/codec-server';
import { listCommand } from './commands/list';
import { planCommand } from './commands/plan';
import { reportCommand } from './commands/report';
import { reviewCommand } from './commands/review';
import { runCommand } from './commands/run';
import { serverCommand } from './commands/server';
import { setupCommand } from './commands/setup';
import { statusCommand } from './commands/status';
import { EXIT, reportError } from './errors';

export const HELP = `wave — durable, parallel, multi-domain delivery pipelines on Temporal

Usage:
  wave plan "<story>"    dry run: domains, layers, budget shares and why (no server needed)
  wave run "<story>"     start a run, show live progress, print the report
  wave status <id>       live progress of a running story, or its report
  wave report <id>       Markdown and HTML run report with a phase timeline (--out DIR, default ./wave-reports)
  wave list [--status S] recent story runs (S: a WaveStatus, e.g. partial)
  wave cancel <id>       cancel a running story
  wave review <id> --approve|--reject [--comment TEXT] [--as NAME]
                         decide a run waiting for merge review
  wave server            embedded Temporal dev server + worker (Web UI), until Ctrl-C
  wave codec-server [--port 8888] [--ui-origin URL]
                         decrypts payloads for the Web UI (needs WAVE_CODEC_KEYS and WAVE_CODEC_TOKEN)
  wave setup             register WAVE's search attributes on the configured namespace (idempotent)
  wave clean <id> | --older-than 7d [--remote]
                         remove this worker's worktrees and local branches of finished runs
                         (the remote's branches too with --remote)

Request flags (plan and run):
  --description TEXT        more story text, routed with the title
  --domains a,b             explicit domains (skips routing)
  --depends ui:api          ui starts after api (repeatable)
  --id ID                   story id (a slug of the title plus a random suffix by default)
  --budget-tokens N         total token budget (default 500000)
  --budget-usd X            total dollar budget (default 25)
  --budget-minutes M        wall-clock budget
  --fail-fast / --no-fail-fast   cancel running siblings on a critical failure (default on)
  --tolerate N|P%           non-critical failures tolerated (default 0)
  --max-parallel N          domains running at once (default 10)
  --max-fix N               fix attempts after failing tests (default 3)
  --phase-ms N              simulated phase duration
  --executor simulated|command   who runs the phases (command: configured commands in git worktrees)
  --workspace PATH          the git repository the command executor changes
  --request FILE            a JSON request (any StoryRequest field; flags win)
  --output text|json
Run flags:
  --detach                  print the story id and return at once (needs a running server and worker)
  --no-worker               do not run a worker inside this command
  --exit-when-done          do not keep the embedded server's Web UI up after the run

Server: TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / TEMPORAL_API_KEY / TEMPORAL_PROFILE select a server;
without them wave uses a local server on 127.0.0.1:7233, starting an embedded one when none is running.
Observability: WAVE_METRICS_ADDRESS=host:port (Prometheus /metrics), WAVE_LOG_FORMAT=json, WAVE_LOG_LEVEL,
WAVE_TRACING=otlp|console.
Exit codes: 0 succeeded, 1 failed or review rejected, 2 bad usage or invalid input, 3 partial, 130 interrupted.`;

type Command = (input: { args: string[]; config: ReturnType<typeof loadConfig> }) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  plan: planCommand,
  run: runCommand,
  status: statusCommand,
  report: reportCommand,
  list: listCommand,
  cancel: cancelCommand,
  review: reviewCommand,
  server: serverCommand,
  'codec-server': codecServerCommand,
  setup: setupCommand,
  clean: cleanCommand,
};

/** Runs `wave` with the given arguments and returns the exit code; errors become one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(HELP);
    return name ? EXIT.succeeded : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`wave: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see wave help)`);
    return EXIT.usage;
  }
  try {
    const config = loadConfig();
    // The CLI handles SIGINT/SIGTERM itself (it drains its worker, then stops the embedded server).
    installRuntime({ observability: config.observability, shutdownSignals: [], defaultLevel: 'WARN' });
    return await command({ args, config });
  } catch (err) {
    return reportError(err);
  }
}
