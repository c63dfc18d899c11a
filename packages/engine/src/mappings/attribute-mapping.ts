/**
 * Attribute mappings as plain data (entra-scim-behaviour.md B3): what the admin edits, what the admin API
 * stores, what `compileObjectMapping` turns into an evaluator.
 */
import type { ScopingFilterGroup } from '../scoping/scoping-filter.js';

/** Where a target attribute's value comes from. `none` leaves the target alone (default value on create). */
export type MappingSource =
  | { readonly kind: 'direct'; readonly attribute: string }
  | { readonly kind: 'constant'; readonly value: string }
  | { readonly kind: 'expression'; readonly expression: string }
  | { readonly kind: 'none' };

/** Apply this mapping: Always, or Only during object creation (Graph `flowType` Always / ObjectAddOnly). */
export type MappingFlow = 'always' | 'creationOnly';

export interface AttributeMapping {
  /** A SCIM path of the target resource, e.g. `emails[type eq "work"].value`. */
  readonly target: string;
  readonly source: MappingSource;
  /** Sent on create when the source evaluates to null or empty; never on update (B3). */
  readonly defaultValue?: string;
  readonly flow: MappingFlow;
  /** Set for matching attributes: 1 is queried first (Graph `matchingPriority`). */
  readonly matchingPrecedence?: number;
}

/** Target object actions (B3): each can be unticked on its own. */
export interface ObjectActions {
  readonly create: boolean;
  readonly update: boolean;
  readonly delete: boolean;
}

export type ObjectType = 'user' | 'group';

/** One object type's mapping: Users always exist; the group mapping can be switched off. */
export interface ObjectMapping {
  readonly enabled: boolean;
  readonly actions: ObjectActions;
  readonly attributes: readonly AttributeMapping[];
  /** OR across groups, AND within one; empty means every object passes (B2). */
  readonly scopingFilter: readonly ScopingFilterGroup[];
}

/**
 * Source attributes that hold directory references rather than values: they are resolved to target ids
 * through the link table and sent as separate PATCH operations once both ends exist (A3, B5).
 */
export const REFERENCE_SOURCES: Readonly<Record<ObjectType, string>> = { user: 'manager', group: 'members' };
