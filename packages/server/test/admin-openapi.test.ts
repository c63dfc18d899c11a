/** The OpenAPI document at /admin/api/openapi.json describes every admin route with its methods. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp, parseConfig } from '@provisio/server';
import { databaseEnv } from '@provisio/store/testing';
import { forEachServerDialect, send } from './support/test-server.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

forEachServerDialect((dialect) => {
  test('every admin route is in the OpenAPI document, with each of its methods', async (t) => {
    const scratch = await dialect.openScratch();
    const config = parseConfig({ PROVISIO_PORT: '0', ...databaseEnv(scratch.location) });
    const app = buildApp({ store: scratch.store, config });
    t.after(async () => {
      await app.close();
      await scratch.dispose();
    });
    // Added before the plugins load, so it sees every route they declare.
    const routes = new Set<string>();
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/admin/api')) return;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      for (const method of [route.method].flat())
        if (METHODS.includes(method)) routes.add(`${method} ${path}`);
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    assert.ok(address && typeof address === 'object');

    const response = await send('GET', `http://127.0.0.1:${address.port}/admin/api/openapi.json`);
    assert.equal(response.status, 200, response.text);
    const document = response.body;
    assert.equal(document.openapi, '3.0.3');
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    assert.ok(routes.size >= 20, [...routes].join('\n'));
    assert.deepEqual(
      [...routes].filter((route) => !documented.has(route)),
      [],
    );
    for (const route of [
      'DELETE /admin/api/tenants/{slug}',
      'POST /admin/api/session',
      'GET /admin/api/tenants/{slug}/users/{id}',
    ]) {
      assert.ok(documented.has(route), route);
    }
    const login = document.paths['/admin/api/session'].post;
    assert.deepEqual(login.security, [], 'logging in needs no credential');
    assert.ok(login.requestBody.content['application/json'].schema.properties.password);
    assert.ok(document.components.securitySchemes.adminToken);
  });
});
