#!/usr/bin/env node
import { main } from './cli/main';

/** Exits once stdout and stderr are flushed: a large report written to a pipe is never cut short. */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/** The `wave` command line (the package's bin, and `npm start`). */
main(process.argv.slice(2)).then(exitAfterFlush, (err: unknown) => {
  console.error(`wave: ${err instanceof Error ? err.message : String(err)}`);
  exitAfterFlush(1);
});
