#!/usr/bin/env node
import { main } from './cli/main';

/** The `wave` command line (the package's bin, and `npm start`). */
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`wave: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
