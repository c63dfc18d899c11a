// Runs every compiled test file with node's test runner. Node 20's `--test` takes no globs, so the
// files are listed here. Optional arguments narrow the run to paths containing any of them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);

function* testFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* testFiles(path);
    else if (entry.name.endsWith('.test.js')) yield path;
  }
}

const files = [];
for (const pkg of readdirSync('packages')) {
  for (const out of ['dist', 'dist-test']) {
    try {
      files.push(...testFiles(join('packages', pkg, out)));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
}
const selected = files.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (selected.length === 0) {
  console.error('no test files found: run `npm run build` first');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', ...selected], { stdio: 'inherit' });
process.exit(result.status ?? 1);
