/**
 * The planner's output: one action per object that needs one, carrying the request exactly as it would be
 * sent and what the provisioning log shows (entra-scim-behaviour.md B10). A dry run stops here; a cycle
 * or provision-on-demand executes the requests and applies the link changes.
 */
import type { ObjectType } from '../mappings/attribute-mapping.js';
import type { JsonObject, TargetValue } from '../mappings/target-path.js';
import type { OutOfScopeReason } from '../scoping/scope.js';

export type ActionKind = 'create' | 'update' | 'disable' | 'delete' | 'skip';

export interface ScimRequest {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the Tenant URL, e.g. `/Users/2819c223`. */
  readonly path: string;
  readonly body?: JsonObject;
}

/** Graph `provisioningStepType`. */
export type StepType = 'import' | 'scoping' | 'matching' | 'processing' | 'referenceResolution' | 'export';

export interface ProvisioningStep {
  readonly type: StepType;
  /** `pending` is the export step of a planned request, until the executor sends it. */
  readonly status: 'success' | 'skipped' | 'warning' | 'failure' | 'pending';
  readonly description: string;
}

export interface ModifiedProperty {
  readonly name: string;
  readonly old: TargetValue | null;
  readonly new: TargetValue | null;
}

/** Why nothing is written; the capitalised ones are Entra's own error codes (B3, B10). */
export type SkipReason =
  | 'ImportSkipped'
  | 'DuplicateTargetEntries'
  | 'MappingFailed'
  | 'outOfScope'
  | 'alreadyDeprovisioned'
  | 'noLongerManaged'
  | 'skipOutOfScopeDeletions'
  | 'actionDisabled'
  | 'unchanged'
  | 'targetIdMissing';

/** A link table entry: the target resource of a source object, and what was last sent to it. */
export interface LinkEntry {
  readonly sourceId: string;
  readonly targetId: string;
  /**
   * Last exported values by canonical target path, so updates carry only changes. References hold target
   * ids: a string for manager, a list for members.
   */
  readonly exported: Readonly<Record<string, TargetValue>>;
  /** Set once deprovisioned for leaving scope; an object unassigned is no longer managed (A8). */
  readonly outOfScope?: OutOfScopeReason;
}

/** How the link table changes once the action succeeds. For a create, the target id comes from the 201. */
export type LinkChange =
  | {
      readonly op: 'set';
      readonly targetId?: string;
      readonly exported: Readonly<Record<string, TargetValue>>;
      readonly outOfScope?: OutOfScopeReason;
    }
  | { readonly op: 'remove' };

export interface Action {
  readonly kind: ActionKind;
  readonly objectType: ObjectType;
  readonly sourceId: string;
  readonly targetId?: string;
  readonly request?: ScimRequest;
  readonly steps: readonly ProvisioningStep[];
  readonly modifiedProperties: readonly ModifiedProperty[];
  readonly reason?: SkipReason;
  readonly link?: LinkChange;
}
