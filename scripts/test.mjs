// Runs every compiled test file with node's test runner. Node 20's `--test` takes no globs, so the
// files are listed here. Optional arguments narrow the run to paths containing any of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
// node's default reporter (spec on a terminal, TAP otherwise) plus one counting the PostgreSQL tests.
const countsDirectory = mkdtempSync(join(tmpdir(), 'provisio-test-'));
const countsFile = join(countsDirectory, 'postgres.json');
const result = spawnSync(
  process.execPath,
  [
    '--test',
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${new URL('./postgres-count-reporter.mjs', import.meta.url).href}`,
    `--test-reporter-destination=${countsFile}`,
    ...selected,
  ],
  { stdio: 'inherit' },
);
const postgres = JSON.parse(readFileSync(countsFile, 'utf8'));
rmSync(countsDirectory, { recursive: true, force: true });
const ran = postgres.passed + postgres.failed;
console.log(
  `# PostgreSQL tests: ${ran} ran (${postgres.passed} passed, ${postgres.failed} failed), ${postgres.skipped} skipped`,
);
// CI must prove the PostgreSQL contract ran: a run where every PostgreSQL suite skipped is a failure.
if (process.env.CI === 'true' && filters.length === 0 && ran === 0) {
  console.error('CI=true but no PostgreSQL test ran');
  process.exit(1);
}
process.exit(result.status ?? 1);
