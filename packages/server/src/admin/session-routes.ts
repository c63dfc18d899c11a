/**
 * The console's login: `POST /session` (username + password → session cookie and CSRF token),
 * `GET /session` (who am I), `DELETE /session` (log out) and `POST /account/password`.
 *
 * A wrong username and a wrong password get the same answer after the same work (an unknown username is
 * checked against a dummy scrypt hash), and failures are throttled per username and per client IP.
 */
import { randomBytes } from 'node:crypto';
import { type Admin, hashPassword, hashTokenSecret, verifyPassword } from '@provisio/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { adminIdOf } from './admin-authentication.js';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import {
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
  csrfTokenOf,
  mintSessionSecret,
  sessionCookieOptions,
} from './console-session.js';
import { STRING } from './json-schema.js';
import { forgetLoginFailures, loginRetryAfter, recordLoginFailure } from './login-throttle.js';
import type { AdminRouteOptions } from './tenant-routes.js';

/** What `verifyPassword` checks unknown usernames against, so they cost as much as known ones. */
let dummyPasswordHash: Promise<string> | undefined;

const ADMIN_SCHEMA = {
  type: 'object',
  required: ['id', 'username', 'mustChangePassword', 'createdAt'],
  properties: {
    id: STRING,
    username: STRING,
    mustChangePassword: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
const SESSION_SCHEMA = {
  type: 'object',
  required: ['admin', 'authenticatedBy'],
  properties: {
    admin: ADMIN_SCHEMA,
    authenticatedBy: { type: 'string', enum: ['session', 'token'] },
    /** Present for console sessions: send it as `X-CSRF-Token` with every unsafe method. */
    csrfToken: STRING,
    expiresAt: { type: 'string', format: 'date-time' },
  },
} as const;
/** Long enough for a passphrase, bounded so scrypt is never handed megabytes. */
const NEW_PASSWORD = { type: 'string', minLength: 12, maxLength: 1024 } as const;
const GIVEN_PASSWORD = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 403: ADMIN_ERROR_SCHEMA } as const;

interface LoginBody {
  readonly username: string;
  readonly password: string;
}

interface PasswordChangeBody {
  readonly currentPassword: string;
  readonly newPassword: string;
}

function viewAdmin(admin: Admin) {
  return {
    id: admin.id,
    username: admin.username,
    mustChangePassword: admin.mustChangePassword,
    createdAt: admin.created,
  };
}

/** 429 with `Retry-After` while `username` or the client's IP has used up its failures. */
async function checkThrottle(
  options: AdminRouteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  username: string,
) {
  const wait = await loginRetryAfter(options.store, username, request.ip, Date.now());
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    throw new AdminError(429, `too many failed logins; retry after ${wait} s`);
  }
}

/** The admin when `password` is theirs, checked in constant time; otherwise the failure is recorded. */
async function verifyCredentials(
  options: AdminRouteOptions,
  request: FastifyRequest,
  username: string,
  password: string,
): Promise<Admin | undefined> {
  const admin = await options.store.admins.findByUsername(username);
  dummyPasswordHash ??= hashPassword(randomBytes(16).toString('base64url'));
  const matches = await verifyPassword(password, admin?.passwordHash ?? (await dummyPasswordHash));
  if (admin && matches) return admin;
  await recordLoginFailure(options.store, username, request.ip, Date.now());
  return undefined;
}

export const sessionRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, options) => {
  const { store, publicUrl } = options;

  app.post<{ Body: LoginBody }>(
    '/session',
    {
      config: { adminAccess: 'public' },
      schema: {
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 200 },
            password: GIVEN_PASSWORD,
          },
        },
        response: { 201: SESSION_SCHEMA, 429: ADMIN_ERROR_SCHEMA, ...ERRORS },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      await checkThrottle(options, request, reply, username);
      const admin = await verifyCredentials(options, request, username, password);
      if (!admin) throw new AdminError(401, 'wrong username or password');
      await forgetLoginFailures(store, username);
      const now = Date.now();
      await store.adminSessions.deleteExpired(new Date(now).toISOString());
      const secret = mintSessionSecret();
      const session = await store.adminSessions.create(admin.id, {
        hash: hashTokenSecret(secret),
        expires: new Date(now + SESSION_LIFETIME_MS).toISOString(),
      });
      reply.setCookie(SESSION_COOKIE, secret, sessionCookieOptions(publicUrl(), SESSION_LIFETIME_MS));
      return reply.code(201).send({
        admin: viewAdmin(admin),
        authenticatedBy: 'session',
        csrfToken: csrfTokenOf(secret),
        expiresAt: session.expires,
      });
    },
  );

  app.get(
    '/session',
    {
      config: { adminAccess: 'beforePasswordChange' },
      schema: { response: { 200: SESSION_SCHEMA, ...ERRORS } },
    },
    async (request) => {
      const admin = viewAdmin(await store.admins.get(adminIdOf(request)));
      const session = request.adminSession;
      const secret = request.cookies[SESSION_COOKIE];
      if (!session || secret === undefined) return { admin, authenticatedBy: 'token' };
      return {
        admin,
        authenticatedBy: 'session',
        csrfToken: csrfTokenOf(secret),
        expiresAt: session.expires,
      };
    },
  );

  app.delete(
    '/session',
    {
      config: { adminAccess: 'beforePasswordChange' },
      schema: { response: { 204: { type: 'null' }, ...ERRORS } },
    },
    async (request, reply) => {
      if (!request.adminSession) {
        throw new AdminError(400, 'there is no console session to end: this call used a bearer token');
      }
      await store.adminSessions.delete(request.adminSession.id);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
    },
  );

  app.post<{ Body: PasswordChangeBody }>(
    '/account/password',
    {
      config: { adminAccess: 'beforePasswordChange' },
      schema: {
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: { currentPassword: GIVEN_PASSWORD, newPassword: NEW_PASSWORD },
        },
        response: {
          200: { type: 'object', required: ['admin'], properties: { admin: ADMIN_SCHEMA } },
          429: ADMIN_ERROR_SCHEMA,
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      const { username } = await store.admins.get(adminIdOf(request));
      // Throttled like a login: a stolen session must not become a way to guess the password.
      await checkThrottle(options, request, reply, username);
      const admin = await verifyCredentials(options, request, username, currentPassword);
      // 403, not 401: the caller is authenticated, and a console must not take this for a lost session.
      if (!admin) throw new AdminError(403, 'the current password is wrong');
      if (newPassword === currentPassword) {
        throw new AdminError(400, 'the new password must differ from the current one');
      }
      const passwordHash = await hashPassword(newPassword);
      const changed = await store.transaction(async (tx) => {
        const updated = await tx.admins.setPassword(admin.id, passwordHash);
        await tx.adminSessions.deleteForAdmin(admin.id, request.adminSession?.id);
        return updated;
      });
      return { admin: viewAdmin(changed) };
    },
  );
};
