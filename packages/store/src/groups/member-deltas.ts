/**
 * Membership deltas (scim-core's `planGroupPatch`) → set-based SQL steps on group_members, with the
 * semantics of scim-core's `applyMembershipDeltas`. Each step touches only the rows it names, so its cost
 * does not depend on how many members the group has.
 */
import { InvalidValue, type MemberRef, type MembershipDelta, NoTarget } from '@provisio/scim-core';
import type { Kysely } from 'kysely';
import type { Database, GroupMembersTable } from '../database.js';
import type { MemberChanges } from '../events/member-changes.js';
import { elementFilterToSql } from '../scim/filter-to-sql.js';
import type { SqlTarget } from '../scim/sql-target.js';
import { chunk } from '../store-context.js';
import { insertMembers } from './memberships.js';

type MemberTypes = ReadonlyMap<string, GroupMembersTable['member_type']>;
/** One delta's SQL; it records the members it actually added or removed in `changes` (the change feed). */
type Step = (
  db: Kysely<Database>,
  tenantId: string,
  groupId: string,
  types: MemberTypes,
  changes: MemberChanges,
) => Promise<void>;

export interface MemberDeltaPlan {
  /** Every id some step adds: validated against the tenant before anything is written. */
  readonly added: readonly string[];
  readonly steps: readonly Step[];
}

/** Member ids compare case-insensitively (`members.value` is not caseExact); ids are minted lower-case. */
function normalizeValues(values: readonly unknown[]): string[] {
  if (values.some((value) => typeof value !== 'string' || value === '')) {
    throw new InvalidValue('members: every member needs a "value" (the member\'s id)');
  }
  return [...new Set((values as string[]).map((value) => value.toLowerCase()))];
}

const valuesOf = (members: readonly MemberRef[]) => normalizeValues(members.map((member) => member.value));

function pick(types: MemberTypes, values: readonly string[]): MemberTypes {
  return new Map(values.map((value) => [value, types.get(value)!]));
}

const removeAll: Step = async (db, tenantId, groupId, _types, changes) => {
  const removed = await db
    .deleteFrom('group_members')
    .where('tenant_id', '=', tenantId)
    .where('group_id', '=', groupId)
    .returning('member_id')
    .execute();
  changes.removed(removed.map((row) => row.member_id));
};

function addStep(values: readonly string[]): Step {
  return async (db, tenantId, groupId, types, changes) => {
    changes.added(await insertMembers(db, tenantId, groupId, pick(types, values)));
  };
}

/** A remove that matched nothing fails, as in scim-core, unless the client profile says to ignore it. */
function checkRemoved(removed: number, ignoreUnmatched: boolean): void {
  if (removed === 0 && !ignoreUnmatched) throw new NoTarget('members has no member to remove');
}

function planDelta(
  delta: MembershipDelta,
  target: SqlTarget,
  ignoreUnmatched: boolean,
): { added: string[]; step: Step } {
  switch (delta.kind) {
    case 'add': {
      const values = valuesOf(delta.members);
      return { added: values, step: addStep(values) };
    }
    case 'replaceAll': {
      const values = valuesOf(delta.members);
      const add = addStep(values);
      return {
        added: values,
        step: async (db, tenantId, groupId, types, changes) => {
          await removeAll(db, tenantId, groupId, types, changes);
          await add(db, tenantId, groupId, types, changes);
        },
      };
    }
    case 'remove': {
      const values = normalizeValues(delta.values);
      return {
        added: [],
        step: async (db, tenantId, groupId, _types, changes) => {
          let removed = 0;
          for (const batch of chunk(values)) {
            const rows = await db
              .deleteFrom('group_members')
              .where('tenant_id', '=', tenantId)
              .where('group_id', '=', groupId)
              .where('member_id', 'in', batch)
              .returning('member_id')
              .execute();
            changes.removed(rows.map((row) => row.member_id));
            removed += rows.length;
          }
          checkRemoved(removed, ignoreUnmatched);
        },
      };
    }
    case 'removeWhere': {
      // Compiled now, so a bad filter is rejected before the transaction writes anything.
      const condition = elementFilterToSql(delta.filter, target, { attribute: 'members' }, 'group_members');
      return {
        added: [],
        step: async (db, tenantId, groupId, _types, changes) => {
          const rows = await db
            .deleteFrom('group_members')
            .where('tenant_id', '=', tenantId)
            .where('group_id', '=', groupId)
            .where(condition)
            .returning('group_members.member_id')
            .execute();
          changes.removed(rows.map((row) => row.member_id));
          checkRemoved(rows.length, ignoreUnmatched);
        },
      };
    }
    case 'removeAll':
      return { added: [], step: removeAll };
  }
}

export function planMemberDeltas(
  deltas: readonly MembershipDelta[],
  target: SqlTarget,
  ignoreUnmatchedRemove: boolean,
): MemberDeltaPlan {
  const planned = deltas.map((delta) => planDelta(delta, target, ignoreUnmatchedRemove));
  return {
    added: [...new Set(planned.flatMap((p) => p.added))],
    steps: planned.map((p) => p.step),
  };
}
