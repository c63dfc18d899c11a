/** The schemas RFC 7643 defines: common attributes (§3.1), User (§4.1), Group (§4.2), EnterpriseUser (§4.3). */
import {
  type AttributeInput,
  type ResourceTypeDefinition,
  type SchemaDefinition,
  defineAttribute,
  defineSchema,
} from './definitions.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** RFC 7643 §3.1: attributes every resource has, whatever its schemas. */
export const COMMON_ATTRIBUTES = [
  defineAttribute({
    name: 'id',
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
    description: 'Unique identifier for the resource, assigned by the service provider.',
  }),
  defineAttribute({
    name: 'externalId',
    caseExact: true,
    description: 'Identifier of the resource as defined by the provisioning client.',
  }),
  defineAttribute({
    name: 'meta',
    mutability: 'readOnly',
    description: 'Resource metadata.',
    subAttributes: [
      { name: 'resourceType', caseExact: true, mutability: 'readOnly' },
      { name: 'created', type: 'dateTime', mutability: 'readOnly' },
      { name: 'lastModified', type: 'dateTime', mutability: 'readOnly' },
      { name: 'location', type: 'reference', referenceTypes: ['uri'], mutability: 'readOnly' },
      { name: 'version', caseExact: true, mutability: 'readOnly' },
    ],
  }),
] as const;

/** The RFC 7643 §2.4 multi-valued shape: value, display, type, primary. */
const typed = (
  name: string,
  canonicalValues?: readonly string[],
  value: AttributeInput = { name: 'value' },
): AttributeInput => ({
  name,
  multiValued: true,
  subAttributes: [
    value,
    { name: 'display' },
    canonicalValues ? { name: 'type', canonicalValues } : { name: 'type' },
    { name: 'primary', type: 'boolean' },
  ],
});

export const USER: SchemaDefinition = defineSchema({
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    {
      name: 'userName',
      required: true,
      uniqueness: 'server',
      description: 'Unique identifier for the User.',
    },
    {
      name: 'name',
      description: "The components of the user's real name.",
      subAttributes: [
        { name: 'formatted' },
        { name: 'familyName' },
        { name: 'givenName' },
        { name: 'middleName' },
        { name: 'honorificPrefix' },
        { name: 'honorificSuffix' },
      ],
    },
    { name: 'displayName' },
    { name: 'nickName' },
    { name: 'profileUrl', type: 'reference', referenceTypes: ['external'] },
    { name: 'title' },
    { name: 'userType' },
    { name: 'preferredLanguage' },
    { name: 'locale' },
    { name: 'timezone' },
    { name: 'active', type: 'boolean' },
    { name: 'password', mutability: 'writeOnly', returned: 'never' },
    typed('emails', ['work', 'home', 'other']),
    typed('phoneNumbers', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    typed('ims', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    typed('photos', ['photo', 'thumbnail'], {
      name: 'value',
      type: 'reference',
      referenceTypes: ['external'],
    }),
    {
      name: 'addresses',
      multiValued: true,
      subAttributes: [
        { name: 'formatted' },
        { name: 'streetAddress' },
        { name: 'locality' },
        { name: 'region' },
        { name: 'postalCode' },
        { name: 'country' },
        { name: 'type', canonicalValues: ['work', 'home', 'other'] },
        { name: 'primary', type: 'boolean' },
      ],
    },
    {
      name: 'groups',
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        { name: 'value', mutability: 'readOnly' },
        { name: '$ref', type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'readOnly' },
        { name: 'display', mutability: 'readOnly' },
        { name: 'type', canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' },
      ],
    },
    typed('entitlements'),
    typed('roles'),
    typed('x509Certificates', undefined, { name: 'value', type: 'binary' }),
  ],
});

export const GROUP: SchemaDefinition = defineSchema({
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    { name: 'displayName', required: true, uniqueness: 'server', description: 'A human-readable name.' },
    {
      name: 'members',
      multiValued: true,
      description: 'A list of members of the Group.',
      subAttributes: [
        { name: 'value', mutability: 'immutable' },
        { name: '$ref', type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' },
        { name: 'type', canonicalValues: ['User', 'Group'], mutability: 'immutable' },
        { name: 'display', mutability: 'readOnly' },
      ],
    },
  ],
});

export const ENTERPRISE_USER: SchemaDefinition = defineSchema({
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    { name: 'employeeNumber' },
    { name: 'costCenter' },
    { name: 'organization' },
    { name: 'division' },
    { name: 'department' },
    {
      name: 'manager',
      subAttributes: [
        { name: 'value' },
        { name: '$ref', type: 'reference', referenceTypes: ['User'] },
        { name: 'displayName', mutability: 'readOnly' },
      ],
    },
  ],
});

export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
};

export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA,
  schemaExtensions: [],
};
