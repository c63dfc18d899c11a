// Webhooks against a real HTTP receiver on 127.0.0.1 that checks every signature: in-order delivery,
// retries with backoff after 500s, disabling after repeated failures, the delivery log, test and redeliver.
import assert from 'node:assert/strict';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature } from '@provisio/server';
import {
  type TestServer,
  USER_SCHEMA,
  forEachServerDialect,
  startTestServer,
} from './support/test-server.js';

interface Received {
  readonly body: { seq?: number; type: string; tenantId: string; resourceId?: string };
  readonly signed: boolean;
}

/** A receiver whose answers come from `statusFor` (200 unless told); it verifies with the secret set later. */
async function startReceiver(statusFor: (index: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  let secret = '';
  let index = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      const signed = verifyWebhookSignature(
        request.headers[SIGNATURE_HEADER] as string | undefined,
        text,
        secret,
      );
      received.push({ body: JSON.parse(text), signed });
      response.statusCode = statusFor(index++);
      response.end('receiver says hi');
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    useSecret(value: string) {
      secret = value;
    },
    /** Resolves once `test(received)` holds; each request re-checks. */
    async until(check: (all: readonly Received[]) => boolean): Promise<void> {
      while (!check(received)) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const BODY = '{"type":"ping"}';
const SIGNATURES: readonly { title: string; header: (now: number) => string | undefined; valid: boolean }[] =
  [
    {
      title: 'signed now with the secret',
      header: (now) => signWebhookBody('secret', BODY, now),
      valid: true,
    },
    {
      title: 'signed 4 minutes ago',
      header: (now) => signWebhookBody('secret', BODY, now - 240),
      valid: true,
    },
    {
      title: 'signed 6 minutes ago (a replay)',
      header: (now) => signWebhookBody('secret', BODY, now - 360),
      valid: false,
    },
    {
      title: 'signed with another secret',
      header: (now) => signWebhookBody('other', BODY, now),
      valid: false,
    },
    {
      title: 'signing another body',
      header: (now) => signWebhookBody('secret', `${BODY} `, now),
      valid: false,
    },
    { title: 'missing', header: () => undefined, valid: false },
    { title: 'malformed', header: (now) => `t=${now},v1=zz`, valid: false },
  ];
for (const { title, header, valid } of SIGNATURES) {
  test(`a signature header ${title} ${valid ? 'verifies' : 'does not verify'}`, () => {
    const now = 1_700_000_000;
    assert.equal(verifyWebhookSignature(header(now), BODY, 'secret', { now }), valid);
  });
}

forEachServerDialect((dialect) => {
  let server: TestServer;
  before(async () => {
    // Retries after 50 ms, 100 ms, …: the retry behaviour, not the production pace.
    server = await startTestServer(
      {},
      { dialect, webhooks: { retryBaseMs: 50, retryMaxMs: 200, maxConsecutiveFailures: 3 } },
    );
  });
  after(() => server.close());

  async function addWebhook(slug: string, url: string) {
    const created = await server.admin('POST', `/tenants/${slug}/webhooks`, { url, description: 'receiver' });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_/);
    return created.body as { id: string; secret: string };
  }

  /**
   * The webhook's delivery log, newest first, once `check` holds (or after 5 s): an attempt is recorded
   * after its receiver has answered, so a receiver that has seen a request does not mean the log has it.
   */
  async function deliveryLog(
    slug: string,
    hookId: string,
    check: (deliveries: readonly { seq?: number; ok: boolean }[]) => boolean,
  ) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const log = await server.admin('GET', `/tenants/${slug}/webhooks/${hookId}/deliveries`);
      assert.equal(log.status, 200, log.text);
      if (check(log.body.deliveries)) return log.body.deliveries;
      await sleep(50);
    }
    assert.fail('the delivery log never showed the expected attempts');
  }

  test('every change is delivered once, in order, signed with the webhook secret', async (t) => {
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    const tenant = await server.tenant();
    const hook = await addWebhook(tenant.tenant.slug, receiver.url);
    receiver.useSecret(hook.secret);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      ids.push(
        (await tenant.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: name } })).body.id,
      );
    }
    await receiver.until((all) => all.length >= 5);
    assert.deepEqual(
      receiver.received.map((r) => [r.body.seq, r.body.type, r.body.resourceId, r.body.tenantId, r.signed]),
      ids.map((id, i) => [i + 1, 'user.created', id, tenant.tenant.id, true]),
    );
    const deliveries = await deliveryLog(tenant.tenant.slug, hook.id, (log) => log.length >= 5);
    const listed = await server.admin('GET', `/tenants/${tenant.tenant.slug}/webhooks`);
    assert.equal(listed.body.webhooks[0].deliveredSeq, 5);
    assert.equal(listed.body.webhooks[0].secret, undefined, 'the secret is shown at creation only');
    assert.deepEqual(
      deliveries.map((d: { seq: number; ok: boolean; statusCode: number }) => [d.seq, d.ok, d.statusCode]),
      [5, 4, 3, 2, 1].map((seq) => [seq, true, 200]),
    );
  });

  test('a failing receiver is retried with backoff until it answers 2xx, and the log shows each attempt', async (t) => {
    const receiver = await startReceiver((index) => (index < 2 ? 500 : 204));
    t.after(() => receiver.close());
    const tenant = await server.tenant();
    const hook = await addWebhook(tenant.tenant.slug, receiver.url);
    receiver.useSecret(hook.secret);
    await tenant.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'retry' } });
    await tenant.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'after' } });
    await receiver.until((all) => all.some((r) => r.body.seq === 2));
    assert.deepEqual(
      receiver.received.map((r) => [r.body.seq, r.signed]),
      [
        [1, true],
        [1, true],
        [1, true],
        [2, true],
      ],
    );
    const deliveries = await deliveryLog(tenant.tenant.slug, hook.id, (log) => log.length >= 4);
    const oldestFirst = [...deliveries].reverse();
    assert.deepEqual(
      oldestFirst.map((d: { seq: number; attempt: number; ok: boolean; statusCode: number }) => [
        d.seq,
        d.attempt,
        d.ok,
        d.statusCode,
      ]),
      [
        [1, 1, false, 500],
        [1, 2, false, 500],
        [1, 3, true, 204],
        [2, 1, true, 204],
      ],
    );
    assert.match(oldestFirst[0].error, /HTTP 500: receiver says hi/);
  });

  test('a receiver that keeps failing disables the webhook; enable, test and redeliver work again', async (t) => {
    let healthy = false;
    const receiver = await startReceiver(() => (healthy ? 200 : 500));
    t.after(() => receiver.close());
    const tenant = await server.tenant();
    const slug = tenant.tenant.slug;
    const hook = await addWebhook(slug, receiver.url);
    receiver.useSecret(hook.secret);
    await tenant.scim('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'doomed' } });
    await receiver.until((all) => all.length >= 3);
    let state = await server.admin('GET', `/tenants/${slug}/webhooks/${hook.id}`);
    while (state.body.enabled) state = await server.admin('GET', `/tenants/${slug}/webhooks/${hook.id}`);
    assert.equal(state.body.consecutiveFailures, 3);
    assert.match(state.body.disabledReason, /3 consecutive failed deliveries/);
    assert.equal(state.body.deliveredSeq, 0);

    healthy = true;
    const ping = await server.admin('POST', `/tenants/${slug}/webhooks/${hook.id}/test`);
    assert.deepEqual(
      [ping.status, ping.body.eventType, ping.body.ok, ping.body.statusCode],
      [200, 'ping', true, 200],
    );
    assert.equal(receiver.received.at(-1)?.body.type, 'ping');
    assert.equal(receiver.received.at(-1)?.signed, true);

    const enabled = await server.admin('POST', `/tenants/${slug}/webhooks/${hook.id}/enable`);
    assert.deepEqual([enabled.body.enabled, enabled.body.consecutiveFailures], [true, 0]);
    await receiver.until((all) => all.filter((r) => r.body.seq === 1).length >= 4);
    const isDelivered = (d: { seq?: number; ok: boolean }) => d.ok && d.seq === 1;
    const deliveries = await deliveryLog(slug, hook.id, (log) => log.some(isDelivered));
    const delivered = deliveries.find(isDelivered);
    const redelivered = await server.admin(
      'POST',
      `/tenants/${slug}/webhooks/${hook.id}/deliveries/${delivered.id}/redeliver`,
    );
    assert.deepEqual([redelivered.status, redelivered.body.seq, redelivered.body.ok], [201, 1, true]);
    assert.equal(receiver.received.filter((r) => r.body.seq === 1).length, 5);
  });

  const REFUSALS: readonly { title: string; body: unknown; status: number }[] = [
    { title: 'a URL that is not http(s)', body: { url: 'ftp://127.0.0.1/x' }, status: 400 },
    { title: 'a relative URL', body: { url: '/hook' }, status: 400 },
    { title: 'no URL', body: { description: 'x' }, status: 400 },
    { title: 'an unknown field', body: { url: 'http://127.0.0.1/x', secret: 'mine' }, status: 400 },
  ];

  for (const { title, body, status } of REFUSALS) {
    test(`adding a webhook with ${title} is refused with ${status}`, async () => {
      const tenant = await server.tenant();
      const answer = await server.admin('POST', `/tenants/${tenant.tenant.slug}/webhooks`, body);
      assert.equal(answer.status, status);
      assert.equal(answer.body.error.code, 'invalid_request');
    });
  }

  test("another tenant's webhook is not found, and a removed one is gone", async () => {
    const owner = await server.tenant();
    const other = await server.tenant();
    const hook = await addWebhook(owner.tenant.slug, 'http://127.0.0.1:9/unused');
    assert.equal(
      (await server.admin('GET', `/tenants/${other.tenant.slug}/webhooks/${hook.id}`)).status,
      404,
    );
    assert.equal(
      (await server.admin('DELETE', `/tenants/${other.tenant.slug}/webhooks/${hook.id}`)).status,
      404,
    );
    assert.equal(
      (await server.admin('DELETE', `/tenants/${owner.tenant.slug}/webhooks/${hook.id}`)).status,
      204,
    );
    assert.equal(
      (await server.admin('GET', `/tenants/${owner.tenant.slug}/webhooks/${hook.id}`)).status,
      404,
    );
  });
});
