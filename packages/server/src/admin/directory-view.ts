/** How the admin API shows the directory's users, groups, applications and assignments, with schemas. */
import type { DirectoryApplication, DirectoryAssignment, DirectoryObject } from '@provisio/store';
import { DATE_TIME, STRING } from './json-schema.js';

export interface DirectoryObjectView {
  readonly objectId: string;
  readonly lifecycle: string;
  readonly changeSequence: number;
  readonly createdAt: string;
  readonly lastModifiedAt: string;
  readonly attributes: DirectoryObject['attributes'];
}

export function viewDirectoryObject(object: DirectoryObject): DirectoryObjectView {
  return {
    objectId: object.objectId,
    lifecycle: object.lifecycle,
    changeSequence: object.changeSequence,
    createdAt: object.created,
    lastModifiedAt: object.lastModified,
    attributes: object.attributes,
  };
}

export function viewApplication(application: DirectoryApplication) {
  return {
    id: application.id,
    name: application.name,
    createdAt: application.created,
    appRoles: application.appRoles,
  };
}

export function viewAssignment(assignment: DirectoryAssignment) {
  const { created, ...rest } = assignment;
  return { ...rest, createdAt: created };
}

export const DIRECTORY_OBJECT_SCHEMA = {
  type: 'object',
  required: ['objectId', 'lifecycle', 'changeSequence', 'createdAt', 'lastModifiedAt', 'attributes'],
  properties: {
    objectId: STRING,
    lifecycle: { type: 'string', enum: ['active', 'softDeleted', 'hardDeleted'] },
    changeSequence: { type: 'integer' },
    createdAt: DATE_TIME,
    lastModifiedAt: DATE_TIME,
    attributes: { type: 'object', additionalProperties: true },
  },
} as const;

export const APP_ROLE_SCHEMA = {
  type: 'object',
  required: ['id', 'value', 'displayName', 'isDefaultAccess'],
  properties: {
    id: STRING,
    value: STRING,
    displayName: STRING,
    isDefaultAccess: { type: 'boolean' },
  },
} as const;

export const APPLICATION_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'createdAt', 'appRoles'],
  properties: {
    id: STRING,
    name: STRING,
    createdAt: DATE_TIME,
    appRoles: { type: 'array', items: APP_ROLE_SCHEMA },
  },
} as const;

export const ASSIGNMENT_SCHEMA = {
  type: 'object',
  required: [
    'id',
    'applicationId',
    'appRoleId',
    'principalId',
    'principalType',
    'removed',
    'changeSequence',
    'createdAt',
  ],
  properties: {
    id: STRING,
    applicationId: STRING,
    appRoleId: STRING,
    principalId: STRING,
    principalType: { type: 'string', enum: ['User', 'Group'] },
    removed: { type: 'boolean' },
    changeSequence: { type: 'integer' },
    createdAt: DATE_TIME,
  },
} as const;

export const IMPORT_REPORT_SCHEMA = {
  type: 'object',
  required: ['type', 'rows', 'created', 'updated', 'unchanged', 'failed', 'errors'],
  properties: {
    type: STRING,
    rows: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    failed: { type: 'integer' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['row', 'message'],
        properties: { row: { type: 'integer' }, field: STRING, message: STRING },
      },
    },
  },
} as const;
