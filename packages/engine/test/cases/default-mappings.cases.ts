/**
 * Entra's default mappings (entra-scim-behaviour.md A7), one row per mapping: the source attribute a
 * directory user or group has, and exactly what that adds to the POST body Entra sends (A3, entra style).
 * Every row starts from an object with only what is required, whose body carries nothing null.
 */
import type { DirectoryValue } from '@provisio/engine';
import { ENTERPRISE_USER_SCHEMA as E, GROUP_SCHEMA, USER_SCHEMA } from '@provisio/scim-core';

export type Json = Record<string, unknown>;

export interface DefaultMappingCase {
  /** The A7 mappings (their targets) this row shows. */
  readonly targets: readonly string[];
  readonly source: Readonly<Record<string, DirectoryValue>>;
  /** What the row's attributes add to the required-only POST body. */
  readonly adds: Json;
}

/** A user with only `userPrincipalName`: userName, and `active` from `Switch([IsSoftDeleted], …)`. */
export const REQUIRED_USER = { userPrincipalName: 'alice@contoso.com' } as const;
export const REQUIRED_USER_BODY: Json = {
  schemas: [USER_SCHEMA],
  userName: 'alice@contoso.com',
  active: true,
  meta: { resourceType: 'User' },
  roles: [],
};

const work = (sub: string, value: string) => ({ addresses: [{ primary: true, type: 'work', [sub]: value }] });
const phone = (type: string, value: string) => ({ phoneNumbers: [{ primary: true, type, value }] });

export const DEFAULT_USER_CASES: readonly DefaultMappingCase[] = [
  { targets: ['userName', 'active'], source: {}, adds: {} },
  { targets: ['displayName'], source: { displayName: 'Alice A' }, adds: { displayName: 'Alice A' } },
  { targets: ['title'], source: { jobTitle: 'Engineer' }, adds: { title: 'Engineer' } },
  {
    targets: ['emails[type eq "work"].value'],
    source: { mail: 'alice@contoso.com' },
    adds: { emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }] },
  },
  {
    targets: ['preferredLanguage'],
    source: { preferredLanguage: 'nb-NO' },
    adds: { preferredLanguage: 'nb-NO' },
  },
  // name.formatted is Join(" ", [givenName], [surname]): with one part, it is that part alone.
  {
    targets: ['name.givenName'],
    source: { givenName: 'Alice' },
    adds: { name: { givenName: 'Alice', formatted: 'Alice' } },
  },
  {
    targets: ['name.familyName'],
    source: { surname: 'A' },
    adds: { name: { familyName: 'A', formatted: 'A' } },
  },
  {
    targets: ['name.formatted'],
    source: { givenName: 'Alice', surname: 'A' },
    adds: { name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' } },
  },
  {
    targets: ['addresses[type eq "work"].formatted'],
    source: { physicalDeliveryOfficeName: 'Building 4' },
    adds: work('formatted', 'Building 4'),
  },
  {
    targets: ['addresses[type eq "work"].streetAddress'],
    source: { streetAddress: '1 Main St' },
    adds: work('streetAddress', '1 Main St'),
  },
  {
    targets: ['addresses[type eq "work"].locality'],
    source: { city: 'Oslo' },
    adds: work('locality', 'Oslo'),
  },
  { targets: ['addresses[type eq "work"].region'], source: { state: 'Oslo' }, adds: work('region', 'Oslo') },
  {
    targets: ['addresses[type eq "work"].postalCode'],
    source: { postalCode: '0150' },
    adds: work('postalCode', '0150'),
  },
  { targets: ['addresses[type eq "work"].country'], source: { country: 'NO' }, adds: work('country', 'NO') },
  {
    targets: ['phoneNumbers[type eq "work"].value'],
    source: { telephoneNumber: '+47 2222 2222' },
    adds: phone('work', '+47 2222 2222'),
  },
  {
    targets: ['phoneNumbers[type eq "mobile"].value'],
    source: { mobile: '+47 9999 9999' },
    adds: phone('mobile', '+47 9999 9999'),
  },
  {
    targets: ['phoneNumbers[type eq "fax"].value'],
    source: { facsimileTelephoneNumber: '+47 2222 2223' },
    adds: phone('fax', '+47 2222 2223'),
  },
  { targets: ['externalId'], source: { mailNickname: 'alice' }, adds: { externalId: 'alice' } },
  {
    targets: [`${E}:employeeNumber`],
    source: { employeeId: '42' },
    adds: { schemas: [USER_SCHEMA, E], [E]: { employeeNumber: '42' } },
  },
  {
    targets: [`${E}:department`],
    source: { department: 'Ops' },
    adds: { schemas: [USER_SCHEMA, E], [E]: { department: 'Ops' } },
  },
  // A reference is never in a POST (A3): it goes out as a PATCH once the manager is linked.
  { targets: [`${E}:manager`], source: { manager: 'oid-boss' }, adds: {} },
];

/** A user with every source attribute A7 reads: the whole POST body, as A3 shows its parts. */
export const FULL_USER: Readonly<Record<string, DirectoryValue>> = Object.assign(
  {},
  ...DEFAULT_USER_CASES.map((c) => c.source),
  { displayName: 'Alice A', userPrincipalName: 'alice@contoso.com' },
);
export const FULL_USER_BODY: Json = {
  schemas: [USER_SCHEMA, E],
  userName: 'alice@contoso.com',
  active: true,
  displayName: 'Alice A',
  title: 'Engineer',
  emails: [{ primary: true, type: 'work', value: 'alice@contoso.com' }],
  preferredLanguage: 'nb-NO',
  name: { givenName: 'Alice', familyName: 'A', formatted: 'Alice A' },
  addresses: [
    {
      primary: true,
      type: 'work',
      formatted: 'Building 4',
      streetAddress: '1 Main St',
      locality: 'Oslo',
      region: 'Oslo',
      postalCode: '0150',
      country: 'NO',
    },
  ],
  // The first element of a multi-valued attribute is the primary one, as for emails in A3.
  phoneNumbers: [
    { primary: true, type: 'work', value: '+47 2222 2222' },
    { type: 'mobile', value: '+47 9999 9999' },
    { type: 'fax', value: '+47 2222 2223' },
  ],
  externalId: 'alice',
  [E]: { employeeNumber: '42', department: 'Ops' },
  meta: { resourceType: 'User' },
  roles: [],
};

/** A group: displayName (matching) and externalId ← objectId; members follow as a PATCH (A3). */
export const GROUP_BODY: Json = {
  schemas: [GROUP_SCHEMA],
  displayName: 'Sales',
  externalId: 'oid-sales',
  meta: { resourceType: 'Group' },
};
