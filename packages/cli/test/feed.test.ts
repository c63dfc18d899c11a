/**
 * `provisio events tail` and `provisio webhook add|list|test` as their own processes against a real server,
 * with a real webhook receiver on 127.0.0.1 that checks the ping's signature.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@provisio/server';
import { type CliTestServer, forEachDialect, startCliTestServer } from './support/cli-server.js';
import { cli, cliArguments } from './support/run-cli.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

forEachDialect((dialect) => {
  let provisio: CliTestServer;

  before(async () => {
    provisio = await startCliTestServer('provisio-cli-feed-', dialect);
  });
  after(() => provisio.close());

  async function createUser(userName: string): Promise<string> {
    const response = await fetch(`${provisio.server.tenantUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${provisio.scimToken}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: [USER_SCHEMA], userName }),
    });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
  }

  test('events tail prints the feed after --after, as JSON lines or a line per event', async () => {
    const first = await createUser('tail-1');
    const second = await createUser('tail-2');
    const json = await cli([...provisio.base, '--json', 'events', 'tail', 'default']);
    assert.equal(json.status, 0, json.stderr);
    // One compact JSON line per event, then the answer (the resume cursor) as every --json command prints it.
    const eventLines = json.stdout.split('\n').filter((line) => line.startsWith('{"seq"'));
    const lines = eventLines.map((line) => JSON.parse(line));
    const last = JSON.parse(
      json.stdout.slice(json.stdout.lastIndexOf(eventLines.at(-1)!) + eventLines.at(-1)!.length),
    );
    assert.deepEqual(
      lines.slice(-2).map((e) => [e.type, e.resourceId]),
      [
        ['user.created', first],
        ['user.created', second],
      ],
    );
    assert.deepEqual(last, { next: lines.at(-1).seq });

    const human = await cli([
      ...provisio.base,
      'events',
      'tail',
      'default',
      '--after',
      String(lines.at(-1).seq - 1),
    ]);
    assert.equal(human.status, 0, human.stderr);
    const [event, end] = human.stdout.trim().split('\n');
    assert.match(event!, new RegExp(`^${lines.at(-1).seq}  \\S+  user\\.created  User/${second}  v1$`));
    assert.match(end!, /resume with --after \d+/);

    const bad = await cli([...provisio.base, 'events', 'tail', 'default', '--after', '-3']);
    assert.equal(bad.status, 2);
  });

  test('events tail --follow prints a change as soon as it is made', async (t) => {
    const child = spawn(
      process.execPath,
      cliArguments([...provisio.base, '--json', 'events', 'tail', 'default', '--follow']),
      {
        env: { ...process.env, PROVISIO_ADMIN_TOKEN: '' },
      },
    );
    t.after(() => child.kill());
    let output = '';
    const seen = (id: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(id)) resolve();
        };
        child.stdout.on('data', (chunk) => {
          output += String(chunk);
          check();
        });
        child.once('exit', (code) => reject(new Error(`tail exited with ${code}: ${output}`)));
        check();
      });
    // Everything before is printed first; wait for the newest past event, then make a new one.
    const before = await createUser('follow-before');
    await seen(before);
    const created = await createUser('follow-after');
    await seen(created);
    const event = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .find((e) => e.resourceId === created);
    assert.equal(event.type, 'user.created');
  });

  test('webhook add prints the secret once; list hides it; test sends a signed ping', async (t) => {
    const pings: boolean[] = [];
    let secret = '';
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        pings.push(verifyWebhookSignature(request.headers[SIGNATURE_HEADER] as string, body, secret));
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => receiver.close(resolve)));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const added = await cli([
      ...provisio.base,
      'webhook',
      'add',
      'default',
      url,
      '--description',
      'cli test',
    ]);
    assert.equal(added.status, 0, added.stderr);
    const [, id] = /Added webhook (\S+)/.exec(added.stdout) ?? assert.fail(added.stdout);
    secret = /Signing secret: (whsec_\S+)/.exec(added.stdout)?.[1] ?? assert.fail(added.stdout);

    const listed = await cli([...provisio.base, 'webhook', 'list', 'default']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^ID\s+URL\s+STATUS\s+RESUMES AFTER SEQ\s+FAILURES\s+DESCRIPTION$/m);
    assert.ok(listed.stdout.includes(url) && !listed.stdout.includes(secret), listed.stdout);

    const tested = await cli([...provisio.base, 'webhook', 'test', 'default', id!]);
    assert.equal(tested.status, 0, tested.stderr);
    assert.match(tested.stdout, /^Test ping delivered: HTTP 200 in \d+ ms\.$/m);
    assert.ok(pings.includes(true), 'the receiver verified the ping signature');

    const missing = await cli([...provisio.base, '--json', 'webhook', 'test', 'default', 'no-such-id']);
    assert.equal(missing.status, 1);
    assert.equal(missing.json.error.code, 'not_found');
  });
});
