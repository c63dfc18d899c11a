/** One POST of one event to one webhook, signed, timed, and summed up as a log entry. */
import type { ChangeEvent, NewWebhookDelivery, Webhook } from '@provisio/store';
import { type EventView, viewEvent } from '../admin/event-view.js';
import { SIGNATURE_HEADER, signWebhookBody } from './signature.js';

/** What a webhook receives: the event as the admin API shows it, with its tenant. */
export interface WebhookBody extends Partial<Omit<EventView, 'type'>> {
  readonly tenantId: string;
  readonly type: EventView['type'] | 'ping';
}

/** A `ping` sent by `webhook test`: not part of the feed, so it has no `seq`. */
export function pingBody(webhook: Webhook, now: Date): WebhookBody {
  return { tenantId: webhook.tenantId, type: 'ping', time: now.toISOString() };
}

export function eventBody(event: ChangeEvent): WebhookBody {
  return { tenantId: event.tenantId, ...viewEvent(event) };
}

/** Receivers answering slower than this count as failed; the event is retried. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** The part of an error answer kept in the delivery log. */
const LOGGED_TEXT = 200;

/**
 * POSTs `body` to the webhook and reports the attempt: 2xx is success, anything else (another status, a
 * refused connection, a timeout) a failure with its reason. Never throws.
 */
export async function deliver(
  webhook: Webhook,
  body: WebhookBody,
  attempt: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<NewWebhookDelivery> {
  const text = JSON.stringify(body);
  const started = performance.now();
  const outcome = (result: Partial<NewWebhookDelivery> & { ok: boolean }): NewWebhookDelivery => ({
    ...(body.seq === undefined ? {} : { seq: body.seq }),
    eventType: body.type,
    attempt,
    durationMs: Math.round(performance.now() - started),
    ...result,
  });
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Provisio-Webhook/1',
        [SIGNATURE_HEADER]: signWebhookBody(webhook.secret, text, Math.floor(Date.now() / 1000)),
        'provisio-event': body.type,
      },
      body: text,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = await response.text().catch(() => '');
    if (response.ok) return outcome({ ok: true, statusCode: response.status });
    return outcome({
      ok: false,
      statusCode: response.status,
      error: `HTTP ${response.status}${answer ? `: ${answer.slice(0, LOGGED_TEXT)}` : ''}`,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    return outcome({ ok: false, error: reason });
  }
}
