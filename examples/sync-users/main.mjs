/**
 * Run Provisio standalone inside this process and keep `data/app.db` in sync with tenant `default`.
 * Point Entra ID (or curl) at the printed Tenant URL with the printed token, then watch `app_users`.
 */
import { mkdirSync } from 'node:fs';
import { issueToken, openProvisio } from '@provisio/server';
import { AppUsers } from './app-users.mjs';
import { syncUsers } from './sync.mjs';

mkdirSync('data', { recursive: true });
const provisio = await openProvisio({ database: 'data/provisio.db', config: { port: 8090 } });
const { store } = provisio;
const tenant =
  (await store.tenants.findBySlug('default')) ??
  (await store.tenants.create({ slug: 'default', name: 'Default' }));
const { secret } = await issueToken(store, tenant.id, { description: 'sync-users example', scope: 'scim' });
console.log(`Tenant URL: ${provisio.origin}/scim/v2`);
console.log(`Secret Token: ${secret}`);

const appUsers = new AppUsers('data/app.db');
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
await syncUsers(store, tenant.id, appUsers, { signal: stop.signal });
appUsers.close();
await provisio.close();
