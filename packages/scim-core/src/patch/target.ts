/**
 * A PATCH `path` bound to the schema (RFC 7644 §3.5.2, Figure 7): the attribute and sub-attribute it names,
 * and which values of the attribute a valuePath filter selects.
 */
import { InvalidPath } from '../errors.js';
import { bindInScope, elementScope } from '../filter/bind.js';
import { compileElementFilter } from '../filter/evaluate.js';
import type { FilterNode } from '../filter/nodes.js';
import { printFilter } from '../filter/print.js';
import type { ValuePathExpression } from '../path/value-path.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import type { ResolvedAttribute } from '../schema/registry.js';
import type { PatchScope } from './context.js';

/** The values of an attribute a valuePath filter selects. */
export interface Selector {
  /** The filter bound to the attribute's sub-attributes (canonical names, typed literals). */
  readonly filter: FilterNode;
  readonly matches: (element: unknown) => boolean;
}

export interface Target {
  /** URN of the schema owning the attribute; `core` attributes live at the top of the resource. */
  readonly schema: string;
  readonly core: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  readonly selector?: Selector;
  /** The attribute's canonical path (URN-qualified outside the core schema), for error messages. */
  readonly attributePath: string;
  /** The whole path in canonical spelling, for error messages. */
  readonly where: string;
}

/** Binds a parsed path; unknown attributes and filters that do not fit the attribute are InvalidPath. */
export function resolveTarget(expression: ValuePathExpression, scope: PatchScope): Target {
  const { path, filter } = expression;
  const subAttribute = path.subAttribute ?? expression.subAttribute;
  const resolved = scope.registry.require(
    scope.resourceType,
    subAttribute === undefined ? path : { ...path, subAttribute },
    InvalidPath,
  );
  const target = attributeTarget(resolved);
  return filter === undefined ? target : withSelector(target, filter);
}

/** The target naming a whole attribute (or sub-attribute) the registry resolved. */
export function attributeTarget(resolved: ResolvedAttribute): Target {
  const { schema, core, attribute, subAttribute } = resolved;
  const attributePath = core ? attribute.name : `${schema}:${attribute.name}`;
  return {
    schema,
    core,
    attribute,
    ...(subAttribute ? { subAttribute } : {}),
    attributePath,
    where: subAttribute ? `${attributePath}.${subAttribute.name}` : attributePath,
  };
}

function withSelector(target: Target, filter: FilterNode): Target {
  const { attribute, subAttribute } = target;
  const where = `${target.attributePath}[${printFilter(filter)}]${subAttribute ? `.${subAttribute.name}` : ''}`;
  if (attribute.type !== 'complex') {
    throw new InvalidPath(`${where}: a value filter needs a complex attribute`);
  }
  // Bound once here: names canonical and literals typed ("True" for a boolean becomes true).
  const bound = bindInScope(filter, elementScope(attribute, InvalidPath));
  return { ...target, selector: { filter: bound, matches: compileElementFilter(bound, attribute) }, where };
}
