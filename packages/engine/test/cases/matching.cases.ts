/**
 * Matching (entra-scim-behaviour.md B3, A3, A6): one `eq` query per matching attribute in precedence
 * order, stopping at the first hit; no hit creates, more than one is `DuplicateTargetEntries`, no matching
 * value is `ImportSkipped`. The target is an in-memory SCIM store answering with scim-core's filter
 * evaluator, so a filter that is escaped wrongly finds nothing.
 */
import type { Action, AttributeMapping, MatchOutcome } from '@provisio/engine';
import { ENTERPRISE_USER_SCHEMA as E, USER_SCHEMA } from '@provisio/scim-core';

export interface MatchingCase {
  readonly title: string;
  /** Mappings replacing A7's of the same target (case-insensitive), or added to them. */
  readonly mappings?: readonly AttributeMapping[];
  readonly objectType?: 'user' | 'group';
  /** The directory object's attributes. */
  readonly source: Readonly<Record<string, string | boolean>>;
  /** Resources already in the target. */
  readonly existing?: readonly Record<string, unknown>[];
  readonly expected: {
    /** `queriesFor`: every query the object calls for, in precedence order. */
    readonly queries: readonly string[];
    /** What was sent before a decision: the queries up to the first that found anything. */
    readonly sent: readonly string[];
    readonly outcome?: MatchOutcome['kind'];
    readonly action: Pick<Action, 'kind'> & Partial<Pick<Action, 'reason' | 'targetId'>>;
  };
}

const matching = (target: string, attribute: string, matchingPrecedence: number): AttributeMapping => ({
  target,
  source: { kind: 'direct', attribute },
  flow: 'always',
  matchingPrecedence,
});
/** externalId ← mailNickname as the second matching attribute, as tutorials often add it. */
const BY_EXTERNAL_ID = [matching('externalId', 'mailNickname', 2)];
const person = (id: string, userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  id,
  userName,
  ...extra,
});
const ALICE = { userPrincipalName: 'alice@contoso.com', mailNickname: 'alice', displayName: 'Alice A' };

export const MATCHING_CASES: readonly MatchingCase[] = [
  {
    title: 'B3 one hit on the first matching attribute: linked and updated',
    source: ALICE,
    existing: [person('r1', 'alice@contoso.com', { displayName: 'Old name' })],
    expected: {
      queries: ['userName eq "alice@contoso.com"'],
      sent: ['userName eq "alice@contoso.com"'],
      outcome: 'matched',
      action: { kind: 'update', targetId: 'r1' },
    },
  },
  {
    title: 'B3 no hit on any matching attribute: created',
    mappings: BY_EXTERNAL_ID,
    source: ALICE,
    existing: [person('r1', 'bob@contoso.com', { externalId: 'bob' })],
    expected: {
      queries: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      sent: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      outcome: 'none',
      action: { kind: 'create' },
    },
  },
  {
    title: 'B3 a miss on precedence 1, then a hit on precedence 2',
    mappings: BY_EXTERNAL_ID,
    source: ALICE,
    existing: [person('r7', 'alice.old@contoso.com', { externalId: 'alice' })],
    expected: {
      queries: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      sent: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      outcome: 'matched',
      // The matched resource gets the mapped userName: the update is what links it.
      action: { kind: 'update', targetId: 'r7' },
    },
  },
  {
    title: 'B3 precedence order is the configured numbers, not the list order',
    mappings: [matching('userName', 'userPrincipalName', 2), matching('externalId', 'mailNickname', 1)],
    source: ALICE,
    existing: [person('r1', 'alice@contoso.com', { externalId: 'alice' })],
    expected: {
      queries: ['externalId eq "alice"', 'userName eq "alice@contoso.com"'],
      sent: ['externalId eq "alice"'],
      outcome: 'matched',
      action: { kind: 'update', targetId: 'r1' },
    },
  },
  {
    title: 'B3 a hit stops the queries: precedence 2 is never asked',
    mappings: BY_EXTERNAL_ID,
    source: { ...ALICE, displayName: 'Alice' },
    existing: [
      person('r1', 'alice@contoso.com', { displayName: 'Alice', externalId: 'alice', active: true }),
    ],
    expected: {
      queries: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      sent: ['userName eq "alice@contoso.com"'],
      outcome: 'matched',
      // Everything mapped already holds: only the link is recorded.
      action: { kind: 'skip', reason: 'unchanged', targetId: 'r1' },
    },
  },
  {
    title: 'B3 DuplicateTargetEntries: two resources answer one query, nothing is written',
    mappings: BY_EXTERNAL_ID,
    source: ALICE,
    existing: [person('r1', 'alice@contoso.com'), person('r2', 'ALICE@contoso.com')],
    expected: {
      queries: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      sent: ['userName eq "alice@contoso.com"'],
      outcome: 'duplicate',
      action: { kind: 'skip', reason: 'DuplicateTargetEntries' },
    },
  },
  {
    title: 'B3 ImportSkipped: no value for any matching attribute, no query is sent',
    mappings: BY_EXTERNAL_ID,
    source: { displayName: 'Nameless' },
    expected: {
      queries: [],
      sent: [],
      outcome: 'noMatchingValue',
      action: { kind: 'skip', reason: 'ImportSkipped' },
    },
  },
  {
    title: 'B3 no value for precedence 1: only precedence 2 is queried',
    mappings: BY_EXTERNAL_ID,
    source: { mailNickname: 'alice' },
    existing: [person('r3', 'alice@contoso.com', { externalId: 'alice', active: true })],
    expected: {
      queries: ['externalId eq "alice"'],
      sent: ['externalId eq "alice"'],
      outcome: 'matched',
      action: { kind: 'skip', reason: 'unchanged', targetId: 'r3' },
    },
  },
  {
    title: 'B3 a default value is never matched on: it would link every object without a value',
    mappings: [{ ...BY_EXTERNAL_ID[0]!, defaultValue: 'unknown' }],
    source: { userPrincipalName: 'alice@contoso.com' },
    existing: [person('r1', 'someone@contoso.com', { externalId: 'unknown' })],
    expected: {
      queries: ['userName eq "alice@contoso.com"'],
      sent: ['userName eq "alice@contoso.com"'],
      outcome: 'none',
      action: { kind: 'create' },
    },
  },
  {
    title: 'A6 quotes and backslashes in a matching value are escaped in the filter, and still match',
    source: { userPrincipalName: 'o"brien\\ops@contoso.com' },
    existing: [person('r9', 'o"brien\\ops@contoso.com', { active: true })],
    expected: {
      queries: ['userName eq "o\\"brien\\\\ops@contoso.com"'],
      sent: ['userName eq "o\\"brien\\\\ops@contoso.com"'],
      outcome: 'matched',
      action: { kind: 'skip', reason: 'unchanged', targetId: 'r9' },
    },
  },
  {
    title: 'A6 userName matches case-insensitively in the target',
    source: { userPrincipalName: 'Alice@Contoso.com' },
    existing: [person('r1', 'alice@contoso.com')],
    expected: {
      queries: ['userName eq "Alice@Contoso.com"'],
      sent: ['userName eq "Alice@Contoso.com"'],
      outcome: 'matched',
      action: { kind: 'update', targetId: 'r1' },
    },
  },
  {
    title: 'A3 the filter attribute is spelled as the schema spells it, whatever the mapping wrote',
    mappings: [matching('USERNAME', 'userPrincipalName', 1), matching('EXTERNALID', 'mailNickname', 2)],
    source: ALICE,
    expected: {
      queries: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      sent: ['userName eq "alice@contoso.com"', 'externalId eq "alice"'],
      outcome: 'none',
      action: { kind: 'create' },
    },
  },
  {
    title: 'A6 a value-path matching attribute becomes one filter on the element',
    mappings: [matching('Emails[Type eq "work"].Value', 'mail', 2)],
    source: { userPrincipalName: 'alice@contoso.com', mail: 'alice@fabrikam.com' },
    existing: [
      person('r1', 'a.smith@contoso.com', {
        emails: [{ type: 'home', value: 'alice@fabrikam.com' }],
      }),
      person('r2', 'alice.a@contoso.com', {
        emails: [{ type: 'work', value: 'alice@fabrikam.com' }],
      }),
    ],
    expected: {
      queries: [
        'userName eq "alice@contoso.com"',
        'emails[type eq "work" and value eq "alice@fabrikam.com"]',
      ],
      sent: ['userName eq "alice@contoso.com"', 'emails[type eq "work" and value eq "alice@fabrikam.com"]'],
      outcome: 'matched',
      action: { kind: 'update', targetId: 'r2' },
    },
  },
  {
    title: 'B3 an extension attribute as matching attribute is queried by its full URN',
    mappings: [matching(`${E}:employeeNumber`, 'employeeId', 2)],
    source: { employeeId: '42' },
    existing: [person('r4', 'alice@contoso.com', { active: true, [E]: { employeeNumber: '42' } })],
    expected: {
      queries: [`${E}:employeeNumber eq "42"`],
      sent: [`${E}:employeeNumber eq "42"`],
      outcome: 'matched',
      action: { kind: 'skip', reason: 'unchanged', targetId: 'r4' },
    },
  },
  {
    title: 'B3 a mapping that cannot be evaluated: no query, MappingFailed for this object alone',
    mappings: [{ target: 'active', source: { kind: 'direct', attribute: 'department' }, flow: 'always' }],
    source: { userPrincipalName: 'alice@contoso.com', department: 'Sales' },
    expected: {
      queries: [],
      sent: [],
      action: { kind: 'skip', reason: 'MappingFailed' },
    },
  },
  {
    title: 'A3 groups are matched by displayName',
    objectType: 'group',
    source: { displayName: 'Sales "EMEA"' },
    existing: [
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1', displayName: 'Sales "EMEA"' },
    ],
    expected: {
      queries: ['displayName eq "Sales \\"EMEA\\""'],
      sent: ['displayName eq "Sales \\"EMEA\\""'],
      outcome: 'matched',
      // The group's objectId goes to externalId, which the existing group lacks.
      action: { kind: 'update', targetId: 'g1' },
    },
  },
  {
    title: 'B3 a matched resource without an id cannot be linked',
    source: { userPrincipalName: 'alice@contoso.com' },
    existing: [{ schemas: [USER_SCHEMA], userName: 'alice@contoso.com' }],
    expected: {
      queries: ['userName eq "alice@contoso.com"'],
      sent: ['userName eq "alice@contoso.com"'],
      outcome: 'matched',
      action: { kind: 'skip', reason: 'targetIdMissing' },
    },
  },
];
