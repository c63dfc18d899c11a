/** What PATCH parsing and application need to know about the tenant, and the switches a profile sets. */
import type { ResourceTypeDefinition } from '../schema/definitions.js';
import type { SchemaRegistry } from '../schema/registry.js';

export interface PatchContext {
  readonly registry: SchemaRegistry;
  /** The resource type being patched, by name or as its definition. */
  readonly resourceType: string | ResourceTypeDefinition;
}

/** Departures from strict RFC 7644 behaviour that a client profile may switch on (all off by default). */
export interface PatchOptions {
  /**
   * A filtered path that matches no value creates the value the filter describes instead of failing with
   * noTarget: `replace emails[type eq "work"].value` on a user without a work email adds
   * `{"type":"work","value":…}`. Only filters made of `eq` comparisons joined by `and` describe a value.
   */
  readonly createMissingFilterTarget?: boolean;
  /** Removing values that are not there succeeds without a change instead of failing with noTarget. */
  readonly ignoreUnmatchedRemove?: boolean;
}

export interface ApplyContext extends PatchContext {
  readonly options?: PatchOptions;
}

/** An {@link ApplyContext} with the resource type looked up and every option decided. */
export interface PatchScope {
  readonly registry: SchemaRegistry;
  readonly resourceType: ResourceTypeDefinition;
  readonly options: Required<PatchOptions>;
}

/** Looks the resource type up and fills in the default (strict) options. */
export function resolveScope(ctx: ApplyContext): PatchScope {
  const { registry, resourceType, options } = ctx;
  return {
    registry,
    resourceType: typeof resourceType === 'string' ? registry.resourceType(resourceType) : resourceType,
    options: {
      createMissingFilterTarget: options?.createMissingFilterTarget ?? false,
      ignoreUnmatchedRemove: options?.ignoreUnmatchedRemove ?? false,
    },
  };
}
