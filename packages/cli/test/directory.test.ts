/**
 * `provisio directory` as its own process against a real server: imports of real CSV, JSON-lines and JSON
 * files with their row-error reports, the progress bar on a terminal (a real pseudo-terminal through
 * util-linux `script`) and none otherwise, and `directory users list`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliTestServer, forEachDialect, startCliTestServer } from './support/cli-server.js';
import { cli, cliArguments } from './support/run-cli.js';

forEachDialect((dialect) => {
  let provisio: CliTestServer;

  before(async () => {
    provisio = await startCliTestServer('provisio-cli-directory-', dialect);
  });
  after(() => provisio.close());

  async function file(name: string, text: string): Promise<string> {
    const path = join(provisio.dataDir, name);
    await writeFile(path, text);
    return path;
  }

  /** Runs the CLI on a pseudo-terminal, so it sees a TTY; stdout and stderr arrive mixed, as on screen. */
  function cliOnTerminal(args: readonly string[]): Promise<{ status: number; output: string }> {
    const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
    const command = [process.execPath, ...cliArguments(args)].map(quote).join(' ');
    return new Promise((resolve) => {
      execFile('script', ['-qec', command, '/dev/null'], { timeout: 30_000 }, (error, stdout) => {
        resolve({ status: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: stdout });
      });
    });
  }

  const USERS = `userPrincipalName,displayName,accountEnabled,manager
  ada@contoso.com,Ada,true,grace@contoso.com
  bad@contoso.com,Bad,perhaps,
  grace@contoso.com,Grace,true,
  `;

  describe('provisio directory import', () => {
    test('--json prints the report; rows with errors are listed and the good ones land', async () => {
      const result = await cli([...provisio.api, 'directory', 'import', await file('users.csv', USERS)]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr, '', 'no progress without a terminal');
      assert.deepEqual(result.json, {
        type: 'users',
        rows: 3,
        created: 2,
        updated: 0,
        unchanged: 0,
        failed: 1,
        errors: [{ row: 2, field: 'accountEnabled', message: '"accountEnabled" must be true or false' }],
      });
    });

    test('human output: a summary line, then one line per refused row', async () => {
      const path = await file(
        'groups.jsonl',
        '{"displayName":"Admins","members":["ada@contoso.com"]}\n{"displayName":"Ghosts","members":["nobody@contoso.com"]}\n',
      );
      const result = await cli([...provisio.base, 'directory', 'import', path, '--type', 'groups']);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.stdout.trim().split('\n'), [
        'Imported 2 groups rows: 2 created, 0 updated, 0 unchanged, 1 with errors.',
        '  row 2 (members): no active user or group is "nobody@contoso.com"; the members were left as they were',
      ]);
    });

    test('on a terminal a progress bar is drawn in place before the report', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => `bulk${i}@contoso.com,Bulk ${i}`).join('\n');
      const path = await file('bulk.csv', `userPrincipalName,displayName\n${rows}\n`);
      const { status, output } = await cliOnTerminal([...provisio.base, 'directory', 'import', path]);
      assert.equal(status, 0, output);
      assert.match(output, /\rusers \[#{13}-{17}\]\s+41%\s+500\/1200 rows/);
      assert.match(output, /\rusers \[#{30}\] 100%\s+1200\/1200 rows/);
      assert.match(output, /Imported 1200 users rows: 1200 created, 0 updated, 0 unchanged, 0 with errors\./);
    });

    test('assignments from a JSON file, by application name and role value', async () => {
      const response = await fetch(`${provisio.origin}/admin/api/directory/applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${provisio.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Proware', appRoles: [{ value: 'Admin' }] }),
      });
      assert.equal(response.status, 201, await response.text());
      const path = await file(
        'assignments.json',
        JSON.stringify([
          { application: 'Proware', principal: 'Admins', role: 'Admin' },
          { application: 'Proware', principal: 'grace@contoso.com' },
        ]),
      );
      const result = await cli([...provisio.api, 'directory', 'import', path, '--type', 'assignments']);
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual([result.json.created, result.json.failed], [2, 0]);
    });

    const mistakes = [
      {
        title: 'a file type it cannot read',
        args: ['directory', 'import', 'users.txt'],
        status: 2,
        code: 'usage',
      },
      {
        title: 'a missing file',
        args: ['directory', 'import', '/nonexistent/users.csv'],
        status: 2,
        code: 'usage',
      },
      { title: 'an unknown --type', args: ['directory', 'import', 'x.csv', '--type', 'printers'], status: 2 },
    ];
    for (const mistake of mistakes) {
      test(`${mistake.title} exits ${mistake.status}`, async () => {
        const result = await cli([...provisio.api, ...mistake.args]);
        assert.equal(result.status, mistake.status, result.stderr);
        if (mistake.code) assert.equal(result.json.error.code, mistake.code);
      });
    }

    test('a file the server refuses as a whole exits 1 with its reason', async () => {
      const path = await file('typo.csv', 'userPrincipalName,shoeSize\na@contoso.com,44\n');
      const result = await cli([...provisio.api, 'directory', 'import', path]);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.json.error.code, 'invalid_request');
      assert.match(result.json.error.message, /shoeSize/);
    });
  });

  describe('provisio directory users list', () => {
    test('--json lists users with their attributes; pages continue with --after', async () => {
      const users: { objectId: string; attributes: Record<string, unknown> }[] = [];
      let next: string | undefined;
      do {
        const page = await cli([
          ...provisio.api,
          'directory',
          'users',
          'list',
          '--limit',
          '1000',
          ...(next ? ['--after', next] : []),
        ]);
        assert.equal(page.status, 0, page.stderr);
        users.push(...page.json.users);
        next = page.json.next;
      } while (next);
      const byName = new Map(users.map((user) => [user.attributes.userPrincipalName, user]));
      assert.equal(
        byName.get('ada@contoso.com')?.attributes.manager,
        byName.get('grace@contoso.com')?.objectId,
      );
      assert.ok(byName.has('bulk1199@contoso.com'));
      const first = await cli([...provisio.base, 'directory', 'users', 'list', '--limit', '1']);
      assert.equal(first.status, 0, first.stderr);
      const [header, row, more] = first.stdout.trim().split('\n');
      assert.match(header!, /^OBJECT ID\s+USER PRINCIPAL NAME\s+DISPLAY NAME\s+ENABLED\s+LIFECYCLE$/);
      assert.match(row!, /@contoso\.com/);
      const after = /^More: --after (\S+)$/.exec(more ?? '')?.[1] ?? assert.fail(first.stdout);
      const second = await cli([
        ...provisio.api,
        'directory',
        'users',
        'list',
        '--limit',
        '1',
        '--after',
        after,
      ]);
      assert.ok(second.json.users[0].objectId > after);
    });
  });
});
