/**
 * `/admin/api/directory/…`: the identity provider's side that the engine provisions from (issue 7).
 * Users and groups (`DELETE` moves to the recycle bin, `?permanent=true` leaves a tombstone, `restore`
 * brings back), group members, applications with their app roles, assignments, and `POST import` of
 * CSV, JSON or JSON lines. With `Accept: application/x-ndjson` an import streams one progress line per
 * batch before its report.
 */
import { PassThrough } from 'node:stream';
import {
  type DirectoryObjectKind,
  IMPORT_TYPES,
  type ImportRow,
  type ImportType,
  checkAttributes,
  checkImportColumns,
  importDirectory,
  parseCsv,
  parseJson,
} from '@provisio/engine';
import type {
  DirectoryAttributes,
  DirectoryLifecycle,
  DirectoryObjectRepository,
  NewAppRole,
  Store,
} from '@provisio/store';
import type { FastifyPluginAsync } from 'fastify';
import { ADMIN_ERROR_SCHEMA, AdminError } from './admin-error.js';
import {
  APPLICATION_SCHEMA,
  APP_ROLE_SCHEMA,
  ASSIGNMENT_SCHEMA,
  DIRECTORY_OBJECT_SCHEMA,
  IMPORT_REPORT_SCHEMA,
  viewApplication,
  viewAssignment,
  viewDirectoryObject,
} from './directory-view.js';
import type { AdminRouteOptions } from './tenant-routes.js';

/**
 * Larger than the server's general body limit: a directory export of 100,000 users is about 20 MB, and
 * only an admin can send one.
 */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
const IMPORT_MEDIA_TYPES = ['text/csv', 'application/json', 'application/x-ndjson'];

const ERRORS = { 400: ADMIN_ERROR_SCHEMA, 401: ADMIN_ERROR_SCHEMA, 404: ADMIN_ERROR_SCHEMA } as const;
const WRITE_ERRORS = { ...ERRORS, 409: ADMIN_ERROR_SCHEMA } as const;
const NO_CONTENT = { 204: { type: 'null' } } as const;
const LIFECYCLES: readonly DirectoryLifecycle[] = ['active', 'softDeleted', 'hardDeleted'];

const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } as const;
const ROLE_PARAMS = {
  type: 'object',
  required: ['id', 'roleId'],
  properties: { id: { type: 'string' }, roleId: { type: 'string' } },
} as const;
const MEMBER_PARAMS = {
  type: 'object',
  required: ['id', 'memberId'],
  properties: { id: { type: 'string' }, memberId: { type: 'string' } },
} as const;
const ATTRIBUTES_BODY = {
  type: 'object',
  description: 'Attributes by their Entra names; null removes one',
  additionalProperties: true,
} as const;
const PAGE_QUERY = {
  after: { type: 'string', description: 'the `next` of the previous page' },
  limit: { type: 'integer', minimum: 1, maximum: 1000 },
} as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const ROLE_BODY = {
  type: 'object',
  required: ['value'],
  additionalProperties: false,
  properties: { value: NAME, displayName: NAME },
} as const;

interface PageQuery {
  readonly after?: string;
  readonly limit?: number;
}

interface ObjectListQuery extends PageQuery {
  readonly changedAfter?: number;
  readonly lifecycle?: string;
}

type IdParams = { readonly id: string };

function pageOptions(query: PageQuery) {
  return {
    ...(query.after === undefined ? {} : { after: query.after }),
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  };
}

/** `active,softDeleted` → the lifecycles; the default leaves tombstones out. */
function lifecyclesOf(text: string | undefined): DirectoryLifecycle[] {
  if (text === undefined) return ['active', 'softDeleted'];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !LIFECYCLES.includes(name as DirectoryLifecycle));
  if (unknown.length > 0) {
    throw new AdminError(400, `unknown lifecycle "${unknown[0]}"; expected ${LIFECYCLES.join(', ')}`);
  }
  return names as DirectoryLifecycle[];
}

/** The attributes of a create or update body, checked against the kind's attribute list. */
function checkedAttributes(
  kind: DirectoryObjectKind,
  body: Readonly<Record<string, unknown>>,
): DirectoryAttributes {
  const problems = checkAttributes(kind, body);
  if (problems.length > 0) throw new AdminError(400, problems.map((problem) => problem.message).join('; '));
  return body as DirectoryAttributes;
}

interface ObjectRoutes {
  readonly path: 'users' | 'groups';
  readonly kind: DirectoryObjectKind;
  readonly repository: (store: Store) => DirectoryObjectRepository;
}

/** The routes users and groups share. */
function registerObjectRoutes(
  app: Parameters<FastifyPluginAsync>[0],
  store: Store,
  routes: ObjectRoutes,
): void {
  const { path, kind } = routes;
  const repository = () => routes.repository(store);
  const base = `/directory/${path}`;

  app.post<{ Body: Record<string, unknown> }>(
    base,
    { schema: { body: ATTRIBUTES_BODY, response: { 201: DIRECTORY_OBJECT_SCHEMA, ...WRITE_ERRORS } } },
    async (request, reply) => {
      const { objectId, ...attributes } = request.body;
      if (objectId !== undefined && typeof objectId !== 'string') {
        throw new AdminError(400, '"objectId" must be a UUID string');
      }
      const created = await repository().create(
        checkedAttributes(kind, attributes),
        objectId === undefined ? {} : { objectId },
      );
      return reply.code(201).send(viewDirectoryObject(created));
    },
  );

  app.get<{ Querystring: ObjectListQuery }>(
    base,
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            ...PAGE_QUERY,
            changedAfter: {
              type: 'integer',
              minimum: 0,
              description: 'only objects changed after this sequence',
            },
            lifecycle: { type: 'string', description: 'comma-separated; default active,softDeleted' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: [path],
            properties: {
              [path]: { type: 'array', items: DIRECTORY_OBJECT_SCHEMA },
              next: { type: 'string' },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const { changedAfter, lifecycle } = request.query;
      const page = await repository().list({
        ...pageOptions(request.query),
        ...(changedAfter === undefined ? {} : { changedAfter }),
        lifecycles: lifecyclesOf(lifecycle),
      });
      return { [path]: page.items.map(viewDirectoryObject), ...(page.next ? { next: page.next } : {}) };
    },
  );

  app.get<{ Params: IdParams }>(
    `${base}/:id`,
    { schema: { params: ID_PARAMS, response: { 200: DIRECTORY_OBJECT_SCHEMA, ...ERRORS } } },
    async (request) => viewDirectoryObject(await repository().get(request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: Record<string, unknown> }>(
    `${base}/:id`,
    {
      schema: {
        params: ID_PARAMS,
        body: { ...ATTRIBUTES_BODY, minProperties: 1 },
        response: { 200: DIRECTORY_OBJECT_SCHEMA, ...WRITE_ERRORS },
      },
    },
    async (request) =>
      viewDirectoryObject(
        await repository().update(request.params.id, checkedAttributes(kind, request.body)),
      ),
  );

  app.delete<{ Params: IdParams; Querystring: { permanent?: boolean } }>(
    `${base}/:id`,
    {
      schema: {
        params: ID_PARAMS,
        querystring: {
          type: 'object',
          properties: { permanent: { type: 'boolean', description: 'purge, leaving a tombstone' } },
        },
        response: { 200: DIRECTORY_OBJECT_SCHEMA, ...ERRORS },
      },
    },
    async (request) => {
      const { id } = request.params;
      const deleted = request.query.permanent
        ? await repository().hardDelete(id)
        : await repository().softDelete(id);
      return viewDirectoryObject(deleted);
    },
  );

  app.post<{ Params: IdParams }>(
    `${base}/:id/restore`,
    { schema: { params: ID_PARAMS, response: { 200: DIRECTORY_OBJECT_SCHEMA, ...ERRORS } } },
    async (request) => viewDirectoryObject(await repository().restore(request.params.id)),
  );
}

const memberRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.get<{ Params: IdParams; Querystring: PageQuery }>(
    '/directory/groups/:id/members',
    {
      schema: {
        params: ID_PARAMS,
        querystring: { type: 'object', properties: PAGE_QUERY },
        response: {
          200: {
            type: 'object',
            required: ['members'],
            properties: {
              members: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['objectId', 'objectType'],
                  properties: {
                    objectId: { type: 'string' },
                    objectType: { type: 'string', enum: ['User', 'Group'] },
                  },
                },
              },
              next: { type: 'string' },
            },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const page = await store.directory.groups.listMembers(request.params.id, pageOptions(request.query));
      return { members: page.items, ...(page.next ? { next: page.next } : {}) };
    },
  );

  app.post<{ Params: IdParams; Body: { memberIds: string[] } }>(
    '/directory/groups/:id/members',
    {
      schema: {
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['memberIds'],
          additionalProperties: false,
          properties: {
            memberIds: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'string' } },
          },
        },
        response: { 200: DIRECTORY_OBJECT_SCHEMA, ...ERRORS },
      },
    },
    async (request) =>
      viewDirectoryObject(await store.directory.groups.addMembers(request.params.id, request.body.memberIds)),
  );

  app.delete<{ Params: { id: string; memberId: string } }>(
    '/directory/groups/:id/members/:memberId',
    { schema: { params: MEMBER_PARAMS, response: { 200: DIRECTORY_OBJECT_SCHEMA, ...ERRORS } } },
    async (request) =>
      viewDirectoryObject(
        await store.directory.groups.removeMembers(request.params.id, [request.params.memberId]),
      ),
  );
};

const applicationRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  const { applications } = store.directory;

  app.post<{ Body: { name: string; appRoles?: NewAppRole[] } }>(
    '/directory/applications',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: NAME, appRoles: { type: 'array', maxItems: 200, items: ROLE_BODY } },
        },
        response: { 201: APPLICATION_SCHEMA, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(viewApplication(await applications.create(request.body))),
  );

  app.get(
    '/directory/applications',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['applications'],
            properties: { applications: { type: 'array', items: APPLICATION_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async () => ({ applications: (await applications.list()).map(viewApplication) }),
  );

  app.get<{ Params: IdParams }>(
    '/directory/applications/:id',
    { schema: { params: ID_PARAMS, response: { 200: APPLICATION_SCHEMA, ...ERRORS } } },
    async (request) => viewApplication(await applications.get(request.params.id)),
  );

  app.patch<{ Params: IdParams; Body: { name: string } }>(
    '/directory/applications/:id',
    {
      schema: {
        params: ID_PARAMS,
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: NAME } },
        response: { 200: APPLICATION_SCHEMA, ...WRITE_ERRORS },
      },
    },
    async (request) => viewApplication(await applications.rename(request.params.id, request.body.name)),
  );

  app.delete<{ Params: IdParams }>(
    '/directory/applications/:id',
    { schema: { params: ID_PARAMS, response: { ...NO_CONTENT, ...ERRORS } } },
    async (request, reply) => {
      await applications.delete(request.params.id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: IdParams; Body: NewAppRole }>(
    '/directory/applications/:id/roles',
    { schema: { params: ID_PARAMS, body: ROLE_BODY, response: { 201: APP_ROLE_SCHEMA, ...WRITE_ERRORS } } },
    async (request, reply) =>
      reply.code(201).send(await applications.addRole(request.params.id, request.body)),
  );

  app.patch<{ Params: { id: string; roleId: string }; Body: Partial<NewAppRole> }>(
    '/directory/applications/:id/roles/:roleId',
    {
      schema: {
        params: ROLE_PARAMS,
        body: { ...ROLE_BODY, required: [], minProperties: 1 },
        response: { 200: APP_ROLE_SCHEMA, ...WRITE_ERRORS },
      },
    },
    async (request) => applications.updateRole(request.params.id, request.params.roleId, request.body),
  );

  app.delete<{ Params: { id: string; roleId: string } }>(
    '/directory/applications/:id/roles/:roleId',
    { schema: { params: ROLE_PARAMS, response: { ...NO_CONTENT, ...ERRORS } } },
    async (request, reply) => {
      await applications.removeRole(request.params.id, request.params.roleId);
      return reply.code(204).send();
    },
  );
};

interface AssignmentQuery {
  readonly applicationId?: string;
  readonly principalId?: string;
  readonly changedAfter?: number;
}

const assignmentRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  const { assignments } = store.directory;

  app.post<{ Body: { applicationId: string; principalId: string; appRoleId?: string } }>(
    '/directory/assignments',
    {
      schema: {
        body: {
          type: 'object',
          required: ['applicationId', 'principalId'],
          additionalProperties: false,
          properties: {
            applicationId: { type: 'string' },
            principalId: { type: 'string' },
            appRoleId: { type: 'string', description: 'default: the Default Access role' },
          },
        },
        response: { 201: ASSIGNMENT_SCHEMA, ...WRITE_ERRORS },
      },
    },
    async (request, reply) => reply.code(201).send(viewAssignment(await assignments.add(request.body))),
  );

  app.get<{ Querystring: AssignmentQuery }>(
    '/directory/assignments',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            applicationId: { type: 'string' },
            principalId: { type: 'string' },
            changedAfter: { type: 'integer', minimum: 0, description: 'include removed ones changed since' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['assignments'],
            properties: { assignments: { type: 'array', items: ASSIGNMENT_SCHEMA } },
          },
          ...ERRORS,
        },
      },
    },
    async (request) => ({ assignments: (await assignments.list(request.query)).map(viewAssignment) }),
  );

  app.get<{ Params: IdParams }>(
    '/directory/assignments/:id',
    { schema: { params: ID_PARAMS, response: { 200: ASSIGNMENT_SCHEMA, ...ERRORS } } },
    async (request) => viewAssignment(await assignments.get(request.params.id)),
  );

  app.delete<{ Params: IdParams }>(
    '/directory/assignments/:id',
    { schema: { params: ID_PARAMS, response: { 200: ASSIGNMENT_SCHEMA, ...ERRORS } } },
    async (request) => viewAssignment(await assignments.remove(request.params.id)),
  );
};

/** Every row of the body, read before anything is written: a file that cannot be read is a 400. */
async function readRows(type: ImportType, mediaType: string, body: string): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  const parsed =
    mediaType === 'text/csv' ? parseCsv(body, (header) => checkImportColumns(type, header)) : parseJson(body);
  for await (const row of parsed) rows.push(row);
  return rows;
}

/** Its own plugin: the import reads its body as text, under its own size limit. */
const importRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, { store }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    IMPORT_MEDIA_TYPES,
    { parseAs: 'string', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post<{ Querystring: { type: ImportType }; Body: string }>(
    '/directory/import',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        description: `A CSV (header row of attribute names), JSON array or JSON lines body: ${IMPORT_MEDIA_TYPES.join(', ')}`,
        querystring: {
          type: 'object',
          required: ['type'],
          properties: { type: { type: 'string', enum: IMPORT_TYPES } },
        },
        response: { 200: IMPORT_REPORT_SCHEMA, ...ERRORS, 413: ADMIN_ERROR_SCHEMA, 415: ADMIN_ERROR_SCHEMA },
      },
    },
    async (request, reply) => {
      const { type } = request.query;
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const rows = await readRows(type, mediaType, request.body ?? '');
      const streaming = /\bapplication\/x-ndjson\b/.test(request.headers.accept ?? '');
      if (!streaming) return importDirectory(store, rows, { type, total: rows.length });
      const lines = new PassThrough();
      const write = (line: unknown) => lines.write(`${JSON.stringify(line)}\n`);
      importDirectory(store, rows, {
        type,
        total: rows.length,
        onProgress: (progress) => write({ progress }),
      }).then(
        (report) => lines.end(`${JSON.stringify({ report })}\n`),
        (error: unknown) => {
          // The status line is gone already: the failure becomes the stream's last line.
          request.log.error({ err: error }, 'directory import failed');
          lines.end(`${JSON.stringify({ error: { code: 'internal', message: 'internal server error' } })}\n`);
        },
      );
      return reply.type('application/x-ndjson; charset=utf-8').send(lines);
    },
  );
};

export const directoryRoutes: FastifyPluginAsync<AdminRouteOptions> = async (app, options) => {
  const { store } = options;
  registerObjectRoutes(app, store, { path: 'users', kind: 'user', repository: (s) => s.directory.users });
  registerObjectRoutes(app, store, { path: 'groups', kind: 'group', repository: (s) => s.directory.groups });
  await app.register(memberRoutes, options);
  await app.register(applicationRoutes, options);
  await app.register(assignmentRoutes, options);
  await app.register(importRoutes, options);
};
