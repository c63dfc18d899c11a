/**
 * The mappings a new target starts with, and what "Restore default mappings" brings back: those of Entra's
 * non-gallery SCIM app (entra-scim-behaviour.md A7).
 */
import { ENTERPRISE_USER_SCHEMA } from '@provisio/scim-core';
import type { AttributeMapping, ObjectMapping } from './attribute-mapping.js';

const direct = (target: string, attribute: string, matchingPrecedence?: number): AttributeMapping => ({
  target,
  source: { kind: 'direct', attribute },
  flow: 'always',
  ...(matchingPrecedence === undefined ? {} : { matchingPrecedence }),
});
const expression = (target: string, text: string): AttributeMapping => ({
  target,
  source: { kind: 'expression', expression: text },
  flow: 'always',
});
const address = (sub: string) => `addresses[type eq "work"].${sub}`;
const enterprise = (name: string) => `${ENTERPRISE_USER_SCHEMA}:${name}`;

export const DEFAULT_USER_MAPPINGS: readonly AttributeMapping[] = [
  direct('userName', 'userPrincipalName', 1),
  expression('active', 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'),
  direct('displayName', 'displayName'),
  direct('title', 'jobTitle'),
  direct('emails[type eq "work"].value', 'mail'),
  direct('preferredLanguage', 'preferredLanguage'),
  direct('name.givenName', 'givenName'),
  direct('name.familyName', 'surname'),
  expression('name.formatted', 'Join(" ", [givenName], [surname])'),
  direct(address('formatted'), 'physicalDeliveryOfficeName'),
  direct(address('streetAddress'), 'streetAddress'),
  direct(address('locality'), 'city'),
  direct(address('region'), 'state'),
  direct(address('postalCode'), 'postalCode'),
  direct(address('country'), 'country'),
  direct('phoneNumbers[type eq "work"].value', 'telephoneNumber'),
  direct('phoneNumbers[type eq "mobile"].value', 'mobile'),
  direct('phoneNumbers[type eq "fax"].value', 'facsimileTelephoneNumber'),
  direct('externalId', 'mailNickname'),
  direct(enterprise('employeeNumber'), 'employeeId'),
  direct(enterprise('department'), 'department'),
  direct(enterprise('manager'), 'manager'),
];

export const DEFAULT_GROUP_MAPPINGS: readonly AttributeMapping[] = [
  direct('displayName', 'displayName', 1),
  direct('externalId', 'objectId'),
  direct('members', 'members'),
];

export const DEFAULT_USER_MAPPING: ObjectMapping = {
  enabled: true,
  actions: { create: true, update: true, delete: true },
  attributes: DEFAULT_USER_MAPPINGS,
  scopingFilter: [],
};

export const DEFAULT_GROUP_MAPPING: ObjectMapping = {
  enabled: true,
  actions: { create: true, update: true, delete: true },
  attributes: DEFAULT_GROUP_MAPPINGS,
  scopingFilter: [],
};
