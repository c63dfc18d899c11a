// A node:test reporter that counts the tests run inside suites named `[postgres]…` (forEachDialect's, and
// PostgreSQL-only ones such as `[postgres] concurrency`), so `scripts/test.mjs` can show that the
// PostgreSQL contract really ran rather than skipped. It writes one JSON line, `{ passed, failed,
// skipped }`, when the run ends.
const LABEL = '[postgres]';

export default async function* postgresCount(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  // The names of the tests being reported, by nesting level. node:test reports a test's start, then its
  // subtests, then its result, in declaration order, and one test file after another (`data.file` is
  // where a test was declared, which for forEachDialect's suites is not the test file).
  const open = [];
  for await (const { type, data } of source) {
    if (type === 'test:start') {
      open.length = data.nesting;
      open.push(data.name);
      continue;
    }
    if (type !== 'test:pass' && type !== 'test:fail') continue;
    if (!open.slice(0, data.nesting + 1).some((name) => name.startsWith(LABEL))) continue;
    if (data.skip !== undefined || data.todo !== undefined) counts.skipped++;
    else if (data.details?.type !== 'suite') counts[type === 'test:pass' ? 'passed' : 'failed']++;
  }
  yield `${JSON.stringify(counts)}\n`;
}
