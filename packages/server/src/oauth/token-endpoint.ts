/**
 * `POST /oauth/token`: the RFC 6749 §4.4 client credentials grant, which Entra ID's newer SCIM apps use
 * (entra-scim-behaviour A1). The client authenticates with HTTP Basic (§2.3.1) or `client_id` and
 * `client_secret` in the form body, never both; the answer is a short-lived access token for the client's
 * tenant. Requested scopes other than `scim`/`scim:read` (Entra may send its own) are ignored, as §3.3
 * allows; asking for a SCIM scope the client does not hold is `invalid_scope`.
 */
import type { Store } from '@provisio/store';
import { hashTokenSecret } from '@provisio/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isUseWorthRecording, sameDigest } from '../auth/bearer.js';
import type { AccessTokens } from './access-tokens.js';
import { SCIM_SCOPES, type ScimScope, grantableScopes } from './oauth-clients.js';
import { OAuthError, invalidClient, noStore, sendOAuthError } from './oauth-error.js';

export interface TokenEndpointOptions {
  readonly store: Store;
  readonly accessTokens: AccessTokens;
}

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The form's parameters; RFC 6749 §3.2 forbids sending one twice. */
function readForm(body: unknown): Map<string, string> {
  if (typeof body !== 'string')
    throw new OAuthError(400, 'invalid_request', `expected a ${FORM_MEDIA_TYPE} body`);
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(body)) {
    if (form.has(name)) throw new OAuthError(400, 'invalid_request', `the parameter "${name}" is repeated`);
    form.set(name, value);
  }
  return form;
}

/** RFC 6749 §2.3.1: Basic credentials are form-encoded before base64. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    throw invalidClient('the Basic credentials are not form-encoded');
  }
}

interface ClientCredentials {
  readonly id: string;
  readonly secret: string;
}

function clientCredentialsOf(request: FastifyRequest, form: Map<string, string>): ClientCredentials {
  const header = request.headers.authorization;
  const bodyId = form.get('client_id');
  const bodySecret = form.get('client_secret');
  if (header !== undefined) {
    const basic = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
    if (!basic) throw invalidClient('the Authorization header must use the Basic scheme');
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw invalidClient('the Basic credentials lack a ":"');
    if (bodySecret !== undefined) {
      throw new OAuthError(
        400,
        'invalid_request',
        'send the client secret in the Authorization header or the body, not both',
      );
    }
    const id = formDecode(decoded.slice(0, colon));
    if (bodyId !== undefined && bodyId !== id) {
      throw new OAuthError(400, 'invalid_request', 'client_id differs from the Basic credentials');
    }
    return { id, secret: formDecode(decoded.slice(colon + 1)) };
  }
  if (bodyId === undefined || bodySecret === undefined) {
    throw invalidClient('client authentication is required: HTTP Basic, or client_id and client_secret');
  }
  return { id: bodyId, secret: bodySecret };
}

/** The SCIM scopes to grant: those asked for (each must be the client's), else all the client holds. */
function scopesToGrant(requested: string | undefined, clientScope: string): string {
  const grantable = grantableScopes(clientScope);
  const asked = (requested ?? '')
    .split(' ')
    .filter((scope): scope is ScimScope => (SCIM_SCOPES as readonly string[]).includes(scope));
  const refused = asked.filter((scope) => !grantable.includes(scope));
  if (refused.length > 0) {
    throw new OAuthError(400, 'invalid_scope', `the client may not be granted "${refused.join(' ')}"`);
  }
  return asked.length > 0 ? [...new Set(asked)].join(' ') : clientScope;
}

export const tokenEndpoint: FastifyPluginAsync<TokenEndpointOptions> = async (
  app,
  { store, accessTokens },
) => {
  app.setErrorHandler((error, request, reply) => sendOAuthError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendOAuthError(
      request,
      reply,
      new OAuthError(
        404,
        'invalid_request',
        `there is no endpoint ${request.method} ${request.url.split('?')[0]}`,
      ),
    ),
  );
  // RFC 6749 §4.4.2: the form is the only body the endpoint takes; anything else is a 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM_MEDIA_TYPE, { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  app.post('/token', async (request, reply) => {
    const form = readForm(request.body);
    const grantType = form.get('grant_type');
    if (grantType === undefined) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        `grant_type "${grantType}" is not supported; use client_credentials`,
      );
    }
    const presented = clientCredentialsOf(request, form);
    const digest = hashTokenSecret(presented.secret);
    const credential = await store.oauthClients.findCredential(presented.id);
    if (!credential || !sameDigest(credential.client.secretHash, digest)) {
      throw invalidClient('unknown client or wrong secret');
    }
    const { client, tenant } = credential;
    if (client.revoked !== undefined) throw invalidClient('the client has been revoked');
    const scope = scopesToGrant(form.get('scope'), client.scope);
    const issued = await accessTokens.issue({ clientId: client.id, tenantId: tenant.id, scope });
    if (isUseWorthRecording(client.lastUsed, Date.now()))
      await store.oauthClients.markUsed(client.id, request.ip);
    return noStore(reply).send({
      access_token: issued.accessToken,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope,
    });
  });
};
