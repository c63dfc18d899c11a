/** RFC 7643 §2.4: the `primary` value `true` MUST appear no more than once in a multi-valued attribute. */
import { InvalidValue } from '../errors.js';
import type { AttributeDefinition } from '../schema/definitions.js';
import { findSubAttribute } from './attribute-value.js';
import { assignAt, isJsonObject, valueAt } from './json.js';

/**
 * Makes the value this operation marked primary the only primary one: values that were primary before
 * become `false`. Two values marked primary by the same operation are a client error.
 */
export function enforcePrimary(
  attribute: AttributeDefinition,
  elements: readonly unknown[],
  touched: ReadonlySet<unknown>,
): void {
  const primary = attribute.multiValued ? findSubAttribute(attribute, 'primary') : undefined;
  if (!primary) return;
  const isPrimary = (element: unknown) => isJsonObject(element) && valueAt(element, primary.name) === true;
  const winners = elements.filter((element) => touched.has(element) && isPrimary(element));
  if (winners.length > 1) {
    throw new InvalidValue(`only one value of ${attribute.name} may have primary set to true`);
  }
  const [winner] = winners;
  if (winner === undefined) return;
  for (const element of elements) {
    if (element !== winner && isJsonObject(element) && isPrimary(element)) {
      assignAt(element, primary.name, false);
    }
  }
}
