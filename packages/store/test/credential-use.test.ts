// The last recorded use of each kind of credential: its time and client IP (migration 0009), on both dialects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, hashTokenSecret } from '@provisio/store';
import { type TestStore, forEachDialect } from './support/dialects.js';
import { steppingClock } from './support/temp-store.js';

interface Use {
  readonly lastUsed?: string;
  readonly lastClientIp?: string;
}

/** One kind of credential: how to make one, record its use, and read it back as its list shows it. */
interface CredentialKind {
  readonly name: string;
  create(store: TestStore): Promise<{ id: string; owner: string } & Use>;
  markUsed(store: TestStore, id: string, clientIp: string): Promise<void>;
  listed(store: TestStore, owner: string): Promise<readonly Use[]>;
}

const KINDS: readonly CredentialKind[] = [
  {
    name: 'SCIM token',
    async create(store) {
      const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
      const token = await store.tokens.create(tenant.id, {
        description: 'Entra',
        scope: 'scim',
        prefix: 'prv_abcd',
        hash: hashTokenSecret('scim-secret'),
      });
      return { ...token, owner: tenant.id };
    },
    markUsed: (store, id, clientIp) => store.tokens.markUsed(id, clientIp),
    listed: (store, tenantId) => store.tokens.list(tenantId),
  },
  {
    name: 'admin token',
    async create(store) {
      const admin = await store.admins.create({ username: 'root', passwordHash: await hashPassword('x') });
      const token = await store.adminTokens.create(admin.id, {
        description: 'cli',
        prefix: 'pva_abcd',
        hash: hashTokenSecret('admin-secret'),
      });
      return { ...token, owner: admin.id };
    },
    markUsed: (store, id, clientIp) => store.adminTokens.markUsed(id, clientIp),
    listed: (store, adminId) => store.adminTokens.list(adminId),
  },
  {
    name: 'OAuth client',
    async create(store) {
      const tenant = await store.tenants.create({ slug: 'acme', name: 'Acme' });
      const client = await store.oauthClients.create(tenant.id, {
        description: 'Entra',
        scope: 'scim',
        secretHash: hashTokenSecret('client-secret'),
      });
      return { ...client, owner: tenant.id };
    },
    markUsed: (store, id, clientIp) => store.oauthClients.markUsed(id, clientIp),
    listed: (store, tenantId) => store.oauthClients.list(tenantId),
  },
];

const uses = (listed: readonly Use[]) =>
  listed.map(({ lastUsed, lastClientIp }) => ({ lastUsed, lastClientIp }));

forEachDialect((dialect) => {
  for (const kind of KINDS) {
    test(`${kind.name}: a use records its time and client IP together; the next use replaces both`, async (t) => {
      const store = await dialect.open(t, { clock: steppingClock() });
      const credential = await kind.create(store);
      assert.deepEqual([credential.lastUsed, credential.lastClientIp], [undefined, undefined]);
      assert.deepEqual(uses(await kind.listed(store, credential.owner)), [
        { lastUsed: undefined, lastClientIp: undefined },
      ]);

      await kind.markUsed(store, credential.id, '203.0.113.7');
      const [first] = uses(await kind.listed(store, credential.owner));
      assert.equal(first?.lastClientIp, '203.0.113.7');
      assert.ok(first?.lastUsed);

      await kind.markUsed(store, credential.id, '2001:db8::1');
      const [second] = uses(await kind.listed(store, credential.owner));
      assert.equal(second?.lastClientIp, '2001:db8::1');
      assert.ok(second?.lastUsed && second.lastUsed > first.lastUsed, 'the stepping clock moved on');
    });
  }
});
