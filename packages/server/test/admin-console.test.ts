/**
 * Console sessions against a real server: the first-start password login, the cookie's attributes, CSRF
 * on unsafe methods, the forced password change, logout, and the failed-login throttle — which lives in
 * the database, so a second server process on the same file enforces it too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type NewAdminCredentials, buildApp, ensureAdmin } from '@provisio/server';
import { hashTokenSecret } from '@provisio/store';
import type { TestDialect } from '@provisio/store/testing';
import {
  type TestResponse,
  type TestServer,
  forEachServerDialect,
  send,
  startTestServer,
} from './support/test-server.js';

const JSON_TYPE = { 'content-type': 'application/json' };

interface Session {
  /** `provisio_session=<secret>`, as a browser would send it back. */
  readonly cookie: string;
  readonly csrfToken: string;
  readonly login: TestResponse;
}

function cookieOf(response: TestResponse): string {
  const [setCookie] = response.headers.getSetCookie();
  assert.ok(setCookie, 'a Set-Cookie header');
  return setCookie.split(';')[0]!;
}

async function login(origin: string, username: string, password: string): Promise<TestResponse> {
  return send('POST', `${origin}/admin/api/session`, {
    body: { username, password },
    headers: JSON_TYPE,
  });
}

async function loginOk(origin: string, username: string, password: string): Promise<Session> {
  const response = await login(origin, username, password);
  assert.equal(response.status, 201, response.text);
  return { cookie: cookieOf(response), csrfToken: response.body.csrfToken, login: response };
}

/** A console call: the cookie always, the CSRF header when `csrf` is given, a JSON body when `body` is. */
function consoleCall(
  origin: string,
  session: Session,
  method: string,
  path: string,
  options: { body?: unknown; csrf?: string } = {},
): Promise<TestResponse> {
  return send(method, `${origin}/admin/api${path}`, {
    ...(options.body === undefined ? {} : { body: options.body }),
    headers: {
      cookie: session.cookie,
      ...(options.body === undefined ? {} : JSON_TYPE),
      ...(options.csrf === undefined ? {} : { 'x-csrf-token': options.csrf }),
    },
  });
}

/** A server with its first-start admin, whose one-time password is known. */
async function serverWithAdmin(dialect: TestDialect, env: Record<string, string> = {}) {
  const server = await startTestServer(env, { dialect });
  const credentials = (await ensureAdmin(server.store)) as NewAdminCredentials;
  return { server, credentials };
}

forEachServerDialect((dialect) => {
  describe('console sessions', () => {
    let server: TestServer;
    let credentials: NewAdminCredentials;
    let password: string;
    const NEW_PASSWORD = 'correct horse battery staple';
    before(async () => {
      ({ server, credentials } = await serverWithAdmin(dialect));
      password = credentials.password;
    });
    after(() => server.close());

    test('the first-start password logs in with an HttpOnly SameSite=Strict cookie, but only to change it', async () => {
      const session = await loginOk(server.origin, 'admin', password);
      const setCookie = session.login.headers.getSetCookie()[0]!;
      assert.match(setCookie, /^provisio_session=[A-Za-z0-9_-]{43};/);
      assert.match(setCookie, /; HttpOnly/);
      assert.match(setCookie, /; SameSite=Strict/);
      assert.match(setCookie, /; Path=\//);
      assert.doesNotMatch(setCookie, /Secure/, 'a plain-HTTP public URL gets no Secure flag');
      assert.deepEqual(session.login.body.admin, {
        id: credentials.admin.id,
        username: 'admin',
        mustChangePassword: true,
        createdAt: credentials.admin.created,
      });
      assert.equal(session.login.body.authenticatedBy, 'session');
      assert.match(session.csrfToken, /^[A-Za-z0-9_-]{43}$/);

      const blocked = await consoleCall(server.origin, session, 'GET', '/tenants');
      assert.equal(blocked.status, 403, blocked.text);
      assert.match(blocked.body.error.message, /password must be changed/);
      const whoAmI = await consoleCall(server.origin, session, 'GET', '/session');
      assert.equal(whoAmI.status, 200);
      assert.equal(whoAmI.body.csrfToken, session.csrfToken, 'a reloaded console gets its CSRF token back');
      assert.equal(whoAmI.body.expiresAt, session.login.body.expiresAt);

      const body = { currentPassword: password, newPassword: NEW_PASSWORD };
      const noCsrf = await consoleCall(server.origin, session, 'POST', '/account/password', { body });
      assert.equal(noCsrf.status, 403, noCsrf.text);
      assert.match(noCsrf.body.error.message, /x-csrf-token/);
      const changed = await consoleCall(server.origin, session, 'POST', '/account/password', {
        body,
        csrf: session.csrfToken,
      });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.admin.mustChangePassword, false);
      password = NEW_PASSWORD;
      assert.equal((await consoleCall(server.origin, session, 'GET', '/tenants')).status, 200);
    });

    test('unsafe methods need the session’s X-CSRF-Token; safe ones and bearer calls do not', async () => {
      const session = await loginOk(server.origin, 'admin', password);
      const other = await loginOk(server.origin, 'admin', password);
      const create = (slug: string, csrf?: string) =>
        consoleCall(server.origin, session, 'POST', '/tenants', {
          body: { name: 'Console', slug },
          ...(csrf === undefined ? {} : { csrf }),
        });
      const missing = await create(`console-a-${process.pid}`);
      assert.equal(missing.status, 403, missing.text);
      assert.equal(missing.body.error.code, 'forbidden');
      const wrong = await create(`console-a-${process.pid}`, other.csrfToken);
      assert.equal(wrong.status, 403, 'another session’s token does not fit');
      assert.equal(await server.store.tenants.findBySlug(`console-a-${process.pid}`), undefined);
      assert.equal((await create(`console-a-${process.pid}`, session.csrfToken)).status, 201);
      assert.equal((await consoleCall(server.origin, session, 'GET', '/tenants')).status, 200);
      const bearer = await server.request('POST', '/admin/api/tenants', {
        token: credentials.apiToken,
        body: { name: 'Script', slug: `console-b-${process.pid}` },
        headers: JSON_TYPE,
      });
      assert.equal(bearer.status, 201, 'a bearer token is no ambient credential: no CSRF token needed');
    });

    test('a forged or unknown cookie is 401 and cleared', async () => {
      const forged = { cookie: 'provisio_session=forged', csrfToken: '', login: undefined as never };
      const response = await consoleCall(server.origin, forged, 'GET', '/tenants');
      assert.equal(response.status, 401);
      assert.equal(response.body.error.code, 'unauthorized');
      assert.match(response.headers.getSetCookie()[0] ?? '', /^provisio_session=;.*Expires=Thu, 01 Jan 1970/);
    });

    test('logout ends the session; its cookie opens nothing afterwards', async () => {
      const session = await loginOk(server.origin, 'admin', password);
      const noCsrf = await consoleCall(server.origin, session, 'DELETE', '/session');
      assert.equal(noCsrf.status, 403, 'logging out is an unsafe method too');
      const out = await consoleCall(server.origin, session, 'DELETE', '/session', {
        csrf: session.csrfToken,
      });
      assert.equal(out.status, 204);
      assert.match(out.headers.getSetCookie()[0] ?? '', /^provisio_session=;/);
      assert.equal((await consoleCall(server.origin, session, 'GET', '/session')).status, 401);
    });

    test('changing the password ends the admin’s other sessions, keeps this one, and retires the old password', async () => {
      const kept = await loginOk(server.origin, 'admin', password);
      const ended = await loginOk(server.origin, 'admin', password);
      const changed = await consoleCall(server.origin, kept, 'POST', '/account/password', {
        body: { currentPassword: password, newPassword: `${password}!` },
        csrf: kept.csrfToken,
      });
      assert.equal(changed.status, 200, changed.text);
      assert.equal((await consoleCall(server.origin, ended, 'GET', '/tenants')).status, 401);
      assert.equal((await consoleCall(server.origin, kept, 'GET', '/tenants')).status, 200);
      assert.equal((await login(server.origin, 'admin', password)).status, 401);
      password = `${password}!`;
      await loginOk(server.origin, 'admin', password);
    });

    test('a session past its absolute end, or idle for an hour, is 401 and forgotten', async () => {
      const sessions = server.store.kysely;
      for (const column of ['expires', 'last_seen'] as const) {
        const session = await loginOk(server.origin, 'admin', password);
        const id = hashTokenSecret(session.cookie.slice('provisio_session='.length));
        const past = new Date(Date.now() - 2 * 3600_000).toISOString();
        const updated = await sessions
          .updateTable('admin_sessions')
          .set({ [column]: past })
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(updated.numUpdatedRows, 1n);
        const response = await consoleCall(server.origin, session, 'GET', '/tenants');
        assert.equal(response.status, 401, column);
        assert.match(response.body.error.message, /expired/);
        const left = await sessions.selectFrom('admin_sessions').select('id').where('id', '=', id).execute();
        assert.deepEqual(left, [], 'the row is gone');
      }
    });
  });

  test('the session cookie is Secure when the public URL is https', async (t) => {
    const { server, credentials } = await serverWithAdmin(dialect, {
      PROVISIO_PUBLIC_URL: 'https://console.example.com',
    });
    t.after(() => server.close());
    const response = await login(server.origin, 'admin', credentials.password);
    assert.equal(response.status, 201, response.text);
    assert.match(response.headers.getSetCookie()[0] ?? '', /; Secure/);
  });

  describe('failed-login throttle', () => {
    test('5 failures for a username in 15 minutes: 429 with Retry-After, even with the right password', async (t) => {
      const { server, credentials } = await serverWithAdmin(dialect);
      t.after(() => server.close());
      for (let i = 0; i < 5; i++) assert.equal((await login(server.origin, 'admin', 'wrong')).status, 401);
      const refused = await login(server.origin, 'admin', credentials.password);
      assert.equal(refused.status, 429, refused.text);
      assert.equal(refused.body.error.code, 'too_many_requests');
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    });

    test('an unknown username is throttled with the very same answers (no user enumeration)', async (t) => {
      const { server } = await serverWithAdmin(dialect);
      t.after(() => server.close());
      const answers: string[] = [];
      for (const username of ['admin', 'nobody']) {
        for (let i = 0; i < 6; i++) {
          const response = await login(server.origin, username, 'wrong');
          answers.push(`${username}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
      const strip = (answer: string) => answer.replace(/^\w+: /, '').replace(/after \d+ s/, 'after N s');
      assert.deepEqual(answers.slice(0, 6).map(strip), answers.slice(6).map(strip));
      assert.match(answers[5]!, /^admin: 429 /);
    });

    test('20 failures from one IP over many usernames: 429 for the next username too', async (t) => {
      const { server, credentials } = await serverWithAdmin(dialect);
      t.after(() => server.close());
      for (let i = 0; i < 20; i++)
        assert.equal((await login(server.origin, `user${i}`, 'wrong')).status, 401);
      const refused = await login(server.origin, 'admin', credentials.password);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
    });

    test('a successful login forgets the username’s failures', async (t) => {
      const { server, credentials } = await serverWithAdmin(dialect);
      t.after(() => server.close());
      for (let i = 0; i < 4; i++) await login(server.origin, 'admin', 'wrong');
      await loginOk(server.origin, 'admin', credentials.password);
      for (let i = 0; i < 4; i++) assert.equal((await login(server.origin, 'admin', 'wrong')).status, 401);
      await loginOk(server.origin, 'admin', credentials.password);
    });

    test('the throttle holds across server processes sharing the database', async (t) => {
      const { server, credentials } = await serverWithAdmin(dialect);
      t.after(() => server.close());
      const secondStore = await server.openPeerStore();
      const second = buildApp({ store: secondStore, config: server.config });
      t.after(async () => {
        await second.close();
        await secondStore.close();
      });
      await second.listen({ host: '127.0.0.1', port: 0 });
      const address = second.server.address();
      assert.ok(address && typeof address === 'object');
      const secondOrigin = `http://127.0.0.1:${address.port}`;
      for (let i = 0; i < 5; i++) {
        const origin = i % 2 === 0 ? server.origin : secondOrigin;
        assert.equal((await login(origin, 'admin', 'wrong')).status, 401);
      }
      assert.equal((await login(secondOrigin, 'admin', credentials.password)).status, 429);
      assert.equal((await login(server.origin, 'admin', credentials.password)).status, 429);
    });
  });
});
