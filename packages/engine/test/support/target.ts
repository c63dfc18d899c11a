/**
 * A SCIM target held in memory and driven by scim-core, as Provisio's server drives its store: POST keeps
 * the body with a new id, PATCH goes through `readPatchRequest` + `applyPatch` with the profile the plan's
 * style needs, DELETE drops the resource. Applying a plan here also applies its link changes.
 */
import type { Action, LinkEntry, LinkTable, PatchStyle } from '@provisio/engine';
import {
  ENTRA_COMPAT,
  GROUP_SCHEMA,
  STRICT,
  SchemaRegistry,
  USER_SCHEMA,
  applyPatch,
  evaluateFilter,
  parseFilter,
  readPatchRequest,
} from '@provisio/scim-core';

export type Resource = Record<string, unknown>;

export class MemoryTarget {
  readonly resources = new Map<string, Resource>();
  readonly users = new Map<string, LinkEntry>();
  readonly groups = new Map<string, LinkEntry>();
  #next = 1;

  get links(): LinkTable {
    return { users: this.users, groups: this.groups };
  }

  /** Executes every action as a cycle would, failing loudly on any request scim-core refuses. */
  apply(actions: readonly Action[], style: PatchStyle): void {
    const registry = SchemaRegistry.standard();
    for (const action of actions) {
      const links = action.objectType === 'user' ? this.users : this.groups;
      const resourceType = action.objectType === 'user' ? 'User' : 'Group';
      let targetId = action.targetId;
      const request = action.request;
      if (request?.method === 'POST') {
        targetId = `t${this.#next++}`;
        const { meta: _meta, roles, ...body } = request.body!;
        // Entra's empty `roles` (A3) carries nothing; roles from the app-role functions are kept.
        const kept = Array.isArray(roles) && roles.length > 0 ? { roles } : {};
        this.resources.set(targetId, { ...body, ...kept, id: targetId });
      } else if (request?.method === 'PATCH') {
        const current = this.resources.get(targetId!);
        if (!current) throw new Error(`PATCH of unknown ${targetId}`);
        const profile = style === 'rfc7644' ? STRICT : ENTRA_COMPAT;
        const ctx = { registry, resourceType };
        const operations = readPatchRequest(request.body, profile, ctx);
        const { resource } = applyPatch(current, operations, { ...ctx, options: profile.options });
        this.resources.set(targetId!, resource as Resource);
      } else if (request?.method === 'DELETE') {
        this.resources.delete(targetId!);
      }
      const link = action.link;
      if (link?.op === 'remove') links.delete(action.sourceId);
      if (link?.op === 'set') {
        const id = link.targetId ?? targetId;
        if (id === undefined) throw new Error(`no target id for ${action.sourceId}`);
        links.set(action.sourceId, {
          sourceId: action.sourceId,
          targetId: id,
          exported: link.exported,
          ...(link.outOfScope ? { outOfScope: link.outOfScope } : {}),
        });
      }
    }
  }

  /** Answers a matching query from the resources here, with scim-core's filter evaluator. */
  search(resourceType: 'User' | 'Group', filter: string): Resource[] {
    const registry = SchemaRegistry.standard();
    const type = registry.resourceType(resourceType);
    const node = parseFilter(filter);
    const schema = resourceType === 'User' ? USER_SCHEMA : GROUP_SCHEMA;
    return [...this.resources.values()].filter(
      (r) => (r.schemas as string[]).includes(schema) && evaluateFilter(node, r, registry, type),
    );
  }
}
