/** Configuration: defaults, validation with one line per bad key, flags, and the README table. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { CONFIG_KEYS, ConfigError, configTable, parseConfig } from '@provisio/server';

function problemsOf(parse: () => unknown): readonly string[] {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

test('defaults: 127.0.0.1:8080, ./data, public URL derived, rate limit on', () => {
  const config = parseConfig({});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, './data');
  assert.equal(config.publicUrl, undefined);
  assert.equal(config.logLevel, 'info');
  assert.ok(config.rateLimit > 0);
  assert.ok(Object.isFrozen(config));
});

test('environment values are parsed; empty values count as unset', () => {
  const config = parseConfig({
    PROVISIO_PORT: '9000',
    PROVISIO_PUBLIC_URL: 'https://scim.example.com/base/',
    PROVISIO_RATE_LIMIT: '0',
    PROVISIO_HOST: '',
  });
  assert.equal(config.port, 9000);
  assert.equal(config.publicUrl, 'https://scim.example.com/base');
  assert.equal(config.rateLimit, 0);
  assert.equal(config.host, '127.0.0.1');
});

test('--flag value and --flag=value override the environment', () => {
  const config = parseConfig({ PROVISIO_PORT: '9000' }, ['--port', '9100', '--log-level=debug']);
  assert.equal(config.port, 9100);
  assert.equal(config.logLevel, 'debug');
});

test('every bad key is reported on its own line, naming the variable and what was expected', () => {
  const problems = problemsOf(() =>
    parseConfig(
      {
        PROVISIO_PORT: '80x',
        PROVISIO_LOG_LEVEL: 'loud',
        PROVISIO_PUBLIC_URL: 'ftp://x',
        PROVISIO_MAX_PAGE_SIZE: '0',
      },
      ['--colour', 'red', '--port'],
    ),
  );
  assert.deepEqual(
    problems.map((line) => line.split(/[=: ]/)[0]),
    [
      '--colour',
      'red',
      '--port',
      'PROVISIO_PORT',
      'PROVISIO_PUBLIC_URL',
      'PROVISIO_LOG_LEVEL',
      'PROVISIO_MAX_PAGE_SIZE',
    ],
  );
  assert.match(problems.find((l) => l.startsWith('PROVISIO_PORT'))!, /expected an integer from 0 to 65535/);
});

test('the database: SQLite by default; a postgres URL with pool and statement timeout settings', () => {
  const sqlite = parseConfig({});
  assert.equal(sqlite.databaseUrl, undefined);
  assert.equal(sqlite.databaseSchema, undefined);
  assert.equal(sqlite.dbPoolMax, 10);
  assert.equal(sqlite.dbStatementTimeoutMs, 30_000);
  for (const url of ['postgres://u:p@db:5432/provisio', 'postgresql://127.0.0.1/test?options=-c%20x%3Dy']) {
    const config = parseConfig(
      {
        PROVISIO_DB_POOL_MAX: '4',
        PROVISIO_DB_STATEMENT_TIMEOUT_MS: '0',
        PROVISIO_DATABASE_SCHEMA: 'scim_2',
      },
      ['--database-url', url],
    );
    assert.deepEqual(
      [config.databaseUrl, config.databaseSchema, config.dbPoolMax, config.dbStatementTimeoutMs],
      [url, 'scim_2', 4, 0],
    );
  }
});

test('a bad database URL is refused without echoing it: it may hold a password', () => {
  const problems = problemsOf(() =>
    parseConfig({
      PROVISIO_DATABASE_URL: 'mysql://admin:hunter2@db/x',
      PROVISIO_DATABASE_SCHEMA: 'Provisio',
      PROVISIO_DB_POOL_MAX: '0',
    }),
  );
  assert.deepEqual(problems, [
    'PROVISIO_DATABASE_URL=(value hidden): expected a postgres:// or postgresql:// URL',
    'PROVISIO_DATABASE_SCHEMA="Provisio": expected a lower-case identifier (a-z, 0-9, _; at most 63 characters)',
    'PROVISIO_DB_POOL_MAX="0": expected an integer from 1 to 1000',
  ]);
});

/** A markdown table as its cells, so column padding (a formatter's business) does not matter. */
function cellsOf(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((row) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((cell) => /^:?-+:?$/.test(cell)));
}

test('the README embeds the configuration table exactly as the code defines it', async () => {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const embedded = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
  assert.ok(embedded, 'README.md lacks the config-table markers');
  assert.deepEqual(
    cellsOf(embedded),
    cellsOf(configTable()),
    'README.md is out of date: paste configTable() between the markers',
  );
  for (const key of CONFIG_KEYS) assert.ok(embedded.includes(key.env));
});
