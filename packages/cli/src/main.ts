#!/usr/bin/env node
/** The `provisio` executable: runs the command line against the process's streams and environment. */
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  interactive: process.stderr.isTTY === true,
});
