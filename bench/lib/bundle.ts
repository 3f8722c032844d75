import { writeFileSync } from 'node:fs';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';

/** Builds the benchmark's workflow bundle into the file named by argv[2] (in its own process, so webpack's memory does not count against the worker). */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: bundle.ts <output file>');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: new DefaultLogger('ERROR'),
  });
  writeFileSync(out, code);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
