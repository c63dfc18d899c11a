/**
 * Feeds the activity log from a SCIM mount: the authentication hook names the caller, and when the answer
 * has gone out one entry is queued with the recorder. Never a body: only the `scimType` of an error answer
 * is read back from it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActivityRecorder } from './activity-recorder.js';

/** Who made a SCIM request, known once its credential is verified. */
export interface ActivityCaller {
  readonly tenantId: string;
  /** The bearer token's id, or the OAuth client's id for an access token. */
  readonly tokenId: string;
  /** Set from an error answer. */
  scimType?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a SCIM mount's authentication hook once the credential is verified; null before. */
    activityCaller: ActivityCaller | null;
  }
}

/** The last path segment of a `Location` (`…/Users/<id>`), for a created resource. */
function idFromLocation(location: unknown): string | undefined {
  if (typeof location !== 'string') return undefined;
  const segment = location.slice(location.lastIndexOf('/') + 1);
  try {
    return segment === '' ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function scimTypeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string') return undefined;
  try {
    const scimType = (JSON.parse(payload) as { scimType?: unknown }).scimType;
    return typeof scimType === 'string' ? scimType : undefined;
  } catch {
    return undefined;
  }
}

function entryOf(request: FastifyRequest, reply: FastifyReply, caller: ActivityCaller) {
  const durationMs = reply.elapsedTime;
  const { id } = (request.params ?? {}) as { id?: unknown };
  const resourceId = typeof id === 'string' ? id : idFromLocation(reply.getHeader('location'));
  const query = request.url.indexOf('?');
  return {
    tenantId: caller.tenantId,
    tokenId: caller.tokenId,
    time: new Date(Date.now() - durationMs).toISOString(),
    method: request.method,
    path: query === -1 ? request.url : request.url.slice(0, query),
    ...(resourceId === undefined ? {} : { resourceId }),
    status: reply.statusCode,
    ...(caller.scimType === undefined ? {} : { scimType: caller.scimType }),
    durationMs,
    clientIp: request.ip,
  };
}

/** Registers the hooks on a SCIM mount (callback hooks: no promise per request on the hot path). */
export function recordActivity(app: FastifyInstance, recorder: ActivityRecorder): void {
  app.decorateRequest('activityCaller', null);
  app.addHook('onSend', (request, reply, payload, done) => {
    const caller = request.activityCaller;
    if (caller && reply.statusCode >= 400) {
      const scimType = scimTypeOf(payload);
      if (scimType !== undefined) caller.scimType = scimType;
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const caller = request.activityCaller;
    if (caller) recorder.record(entryOf(request, reply, caller));
    done();
  });
}
