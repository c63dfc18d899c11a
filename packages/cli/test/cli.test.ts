/**
 * `provisio` end to end: the CLI runs as its own process (the built `dist/main.js`, or the source under
 * tsx in the dev loop) against a real server started as in production, using the admin API token that
 * the server's first start printed. `--json` output is parsed; exit statuses are the documented ones.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliTestServer, forEachDialect, startCliTestServer } from './support/cli-server.js';
import { cli } from './support/run-cli.js';

forEachDialect((dialect) => {
  let provisio: CliTestServer;

  before(async () => {
    provisio = await startCliTestServer('provisio-cli-', dialect);
  });
  after(() => provisio.close());

  async function scimStatus(secret: string): Promise<number> {
    const response = await fetch(`${provisio.origin}/scim/v2/Users`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    return response.status;
  }

  describe('provisio tenant', () => {
    test('tenant create --json prints the tenant with both Tenant URLs', async () => {
      const result = await cli([...provisio.api, 'tenant', 'create', 'contoso', '--name', 'Contoso Ltd']);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.json.slug, 'contoso');
      assert.equal(result.json.name, 'Contoso Ltd');
      assert.deepEqual(result.json.tenantUrls, {
        byToken: `${provisio.origin}/scim/v2`,
        bySlug: `${provisio.origin}/tenants/contoso/scim/v2`,
      });
    });

    test('tenant list --json lists the default tenant and the new one', async () => {
      await cli([...provisio.api, 'tenant', 'create', 'listed']);
      const result = await cli([...provisio.api, 'tenant', 'list']);
      assert.equal(result.status, 0, result.stderr);
      const slugs = result.json.tenants.map((t: { slug: string }) => t.slug);
      assert.ok(slugs.includes('default') && slugs.includes('listed'), slugs.join());
    });

    test('human output is a table with a header row', async () => {
      const result = await cli([...provisio.base, 'tenant', 'list']);
      assert.equal(result.status, 0, result.stderr);
      const [header, ...rows] = result.stdout.trim().split('\n');
      assert.match(header!, /^SLUG\s+NAME\s+PROVISIONING\s+CREATED$/);
      assert.ok(
        rows.some((row) => /^default\s+Default tenant\s+enabled\s/.test(row)),
        result.stdout,
      );
    });

    test('a refused request exits 1 and says why (JSON on stderr with --json)', async () => {
      await cli([...provisio.api, 'tenant', 'create', 'twice']);
      const result = await cli([...provisio.api, 'tenant', 'create', 'twice']);
      assert.equal(result.status, 1);
      assert.equal(result.json.error.code, 'conflict');
      assert.equal(result.stdout, '');
      const human = await cli([...provisio.base, 'tenant', 'show', 'nobody']);
      assert.equal(human.status, 1);
      assert.match(human.stderr, /^provisio: there is no tenant "nobody" \(not_found, HTTP 404\)/);
    });

    test('disable makes SCIM answer 403, enable restores it', async () => {
      await cli([...provisio.api, 'tenant', 'create', 'switch']);
      const minted = await cli([...provisio.api, 'token', 'create', 'switch', '--description', 'IdP']);
      assert.equal(await scimStatus(minted.json.secret), 200);
      const disabled = await cli([...provisio.api, 'tenant', 'disable', 'switch']);
      assert.equal(disabled.json.provisioningEnabled, false);
      assert.equal(await scimStatus(minted.json.secret), 403);
      const enabled = await cli([...provisio.api, 'tenant', 'enable', 'switch']);
      assert.equal(enabled.json.provisioningEnabled, true);
      assert.equal(await scimStatus(minted.json.secret), 200);
    });
  });

  describe('provisio token', () => {
    before(async () => {
      await cli([...provisio.api, 'tenant', 'create', 'tokens']);
    });

    test('create shows the secret once; list never shows it', async () => {
      const minted = await cli([
        ...provisio.api,
        'token',
        'create',
        'tokens',
        '--description',
        'Entra',
        '--scope',
        'scim:read',
      ]);
      assert.equal(minted.status, 0, minted.stderr);
      assert.match(minted.json.secret, /^prv_/);
      assert.equal(minted.json.scope, 'scim:read');
      const listed = await cli([...provisio.api, 'token', 'list', 'tokens']);
      assert.ok(listed.json.tokens.some((t: { id: string }) => t.id === minted.json.id));
      assert.ok(!listed.stdout.includes(minted.json.secret), 'the secret was listed');
      const human = await cli([...provisio.base, 'token', 'list', 'tokens']);
      assert.ok(human.stdout.includes(minted.json.prefix) && !human.stdout.includes(minted.json.secret));
    });

    test('revoke makes SCIM answer 401', async () => {
      const minted = await cli([...provisio.api, 'token', 'create', 'tokens', '--description', 'doomed']);
      const revoked = await cli([...provisio.api, 'token', 'revoke', 'tokens', minted.json.id]);
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.equal(revoked.json.status, 'revoked');
      assert.equal(await scimStatus(minted.json.secret), 401);
    });

    test('rotate --overlap keeps the old secret working for the overlap', async () => {
      const minted = await cli([...provisio.api, 'token', 'create', 'tokens', '--description', 'rotating']);
      const rotated = await cli([
        ...provisio.api,
        'token',
        'rotate',
        'tokens',
        minted.json.id,
        '--overlap',
        '600',
      ]);
      assert.equal(rotated.status, 0, rotated.stderr);
      assert.equal(rotated.json.replaced.id, minted.json.id);
      assert.ok(Date.parse(rotated.json.replaced.expiresAt) > Date.now() + 500_000);
      assert.equal(await scimStatus(minted.json.secret), 200);
      assert.equal(await scimStatus(rotated.json.secret), 200);
      const immediate = await cli([
        ...provisio.api,
        'token',
        'rotate',
        'tokens',
        rotated.json.id,
        '--overlap',
        '0',
      ]);
      assert.equal(await scimStatus(rotated.json.secret), 401);
      assert.equal(await scimStatus(immediate.json.secret), 200);
    });

    test('PROVISIO_ADMIN_TOKEN stands in for --token', async () => {
      const result = await cli(['--url', provisio.origin, '--json', 'token', 'list', 'tokens'], {
        PROVISIO_ADMIN_TOKEN: provisio.adminToken,
      });
      assert.equal(result.status, 0, result.stderr);
      assert.ok(Array.isArray(result.json.tokens));
    });
  });

  describe('exit statuses', () => {
    test('a wrong admin token exits 1 (unauthorized)', async () => {
      const result = await cli([
        '--url',
        provisio.origin,
        '--token',
        'pva_wrong',
        '--json',
        'tenant',
        'list',
      ]);
      assert.equal(result.status, 1);
      assert.equal(result.json.error.code, 'unauthorized');
    });

    for (const [title, args] of [
      ['no token at all', ['--url', 'http://127.0.0.1:1', 'tenant', 'list']],
      ['an unknown command', ['--token', 'x', 'tenant', 'explode']],
      ['an unknown option', ['--token', 'x', '--colour', 'tenant', 'list']],
      ['a missing required option', ['--token', 'x', 'token', 'create', 'default']],
      [
        'an overlap that is not a number',
        ['--token', 'x', 'token', 'rotate', 'default', 'id', '--overlap', 'soon'],
      ],
      [
        'a scope that does not exist',
        ['--token', 'x', 'token', 'create', 'default', '--description', 'd', '--scope', 'all'],
      ],
      ['a URL that is not http(s)', ['--url', 'ftp://x', '--token', 'x', 'tenant', 'list']],
    ] as const) {
      test(`usage error exits 2: ${title}`, async () => {
        const result = await cli(args);
        assert.equal(result.status, 2, result.stderr);
        assert.notEqual(result.stderr, '');
      });
    }

    test('--help exits 0 and documents the exit statuses', async () => {
      const result = await cli(['--help']);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /Exit status:[\s\S]*3 {2}cannot connect/);
    });

    test('a server that is not there exits 3', async () => {
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port: free } = probe.address() as { port: number };
          probe.close(() => resolve(free));
        });
      });
      const result = await cli([
        '--url',
        `http://127.0.0.1:${port}`,
        '--token',
        'x',
        '--json',
        'tenant',
        'list',
      ]);
      assert.equal(result.status, 3, result.stderr);
      assert.equal(result.json.error.code, 'unreachable');
    });
  });

  describe('provisio schema', () => {
    const PROWARE = 'urn:ietf:params:scim:schemas:extension:proware:2.0:User';

    test('schema add --file, then schema list --json shows it; a bad file is a usage error', async () => {
      await cli([...provisio.api, 'tenant', 'create', 'schemas']);
      const file = join(provisio.dataDir, 'proware.json');
      await writeFile(
        file,
        JSON.stringify({ id: PROWARE, resourceType: 'User', attributes: [{ name: 'costCentre' }] }),
      );
      const added = await cli([...provisio.api, 'schema', 'add', 'schemas', '--file', file]);
      assert.equal(added.status, 0, added.stderr);
      assert.equal(added.json.id, PROWARE);
      const listed = await cli([...provisio.api, 'schema', 'list', 'schemas']);
      assert.equal(listed.status, 0, listed.stderr);
      assert.deepEqual(
        listed.json.schemas.map((s: { id: string; attributes: { name: string }[] }) => [
          s.id,
          s.attributes.map((a) => a.name),
        ]),
        [[PROWARE, ['costCentre']]],
      );
      const human = await cli([...provisio.base, 'schema', 'list', 'schemas']);
      assert.match(human.stdout, new RegExp(`^${PROWARE}\\s+User\\s+no\\s+costCentre\\s`, 'm'));
      const duplicate = await cli([...provisio.api, 'schema', 'add', 'schemas', '--file', file]);
      assert.equal(duplicate.status, 1);
      assert.equal(duplicate.json.error.code, 'conflict');
      const missing = await cli([
        ...provisio.api,
        'schema',
        'add',
        'schemas',
        '--file',
        join(provisio.dataDir, 'nope.json'),
      ]);
      assert.equal(missing.status, 2, missing.stderr);
      const removed = await cli([...provisio.api, 'schema', 'remove', 'schemas', PROWARE]);
      assert.equal(removed.status, 0, removed.stderr);
      assert.deepEqual((await cli([...provisio.api, 'schema', 'list', 'schemas'])).json.schemas, []);
    });
  });
});
