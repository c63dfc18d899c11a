// `npm run bench`: runs the compiled benchmark entry point (see bench/run.ts) with the given arguments.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['bench/dist/run.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
