/** How the admin API shows webhooks (never their secret, except in the answer that creates one). */
import type { Webhook, WebhookDelivery } from '@provisio/store';
import { DATE_TIME, INTEGER, STRING, withRequired } from './json-schema.js';

export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly enabled: boolean;
  /** The last event sequence the endpoint acknowledged. */
  readonly deliveredSeq: number;
  readonly consecutiveFailures: number;
  readonly nextAttemptAt?: string;
  readonly disabledReason?: string;
  readonly createdAt: string;
}

export function viewWebhook(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    enabled: webhook.enabled,
    deliveredSeq: webhook.deliveredSeq,
    consecutiveFailures: webhook.consecutiveFailures,
    ...(webhook.nextAttemptAt === undefined ? {} : { nextAttemptAt: webhook.nextAttemptAt }),
    ...(webhook.disabledReason === undefined ? {} : { disabledReason: webhook.disabledReason }),
    createdAt: webhook.created,
  };
}

export const WEBHOOK_SCHEMA = {
  type: 'object',
  required: ['id', 'url', 'description', 'enabled', 'deliveredSeq', 'consecutiveFailures', 'createdAt'],
  properties: {
    id: STRING,
    url: STRING,
    description: STRING,
    enabled: { type: 'boolean' },
    deliveredSeq: INTEGER,
    consecutiveFailures: INTEGER,
    nextAttemptAt: DATE_TIME,
    disabledReason: STRING,
    createdAt: DATE_TIME,
  },
} as const;

/** A webhook as created: the view plus its signing `secret`, shown this once. */
export const CREATED_WEBHOOK_SCHEMA = withRequired(WEBHOOK_SCHEMA, { secret: STRING });

export type DeliveryView = Omit<WebhookDelivery, 'webhookId'>;

export function viewDelivery({ webhookId: _, ...delivery }: WebhookDelivery): DeliveryView {
  return delivery;
}

export const DELIVERY_SCHEMA = {
  type: 'object',
  required: ['id', 'eventType', 'attempt', 'time', 'durationMs', 'ok'],
  properties: {
    id: STRING,
    seq: INTEGER,
    eventType: STRING,
    attempt: INTEGER,
    time: DATE_TIME,
    statusCode: INTEGER,
    error: STRING,
    durationMs: INTEGER,
    ok: { type: 'boolean' },
  },
} as const;
