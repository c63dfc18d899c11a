/**
 * The filter tree (RFC 7644 §3.4.2.2): a readonly tagged union produced by one parser and consumed by
 * several back ends — the printer, the in-memory evaluator and the store's SQL compiler.
 */
import type { AttributePath } from '../path/attribute-path.js';

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A JSON literal; dateTime values arrive as strings and are typed by the attribute's schema. */
export type FilterValue = string | number | boolean | null;

export interface CompareNode {
  readonly kind: 'compare';
  readonly path: AttributePath;
  readonly op: CompareOperator;
  readonly value: FilterValue;
}

export interface PresentNode {
  readonly kind: 'present';
  readonly path: AttributePath;
}

export interface AndNode {
  readonly kind: 'and';
  readonly left: FilterNode;
  readonly right: FilterNode;
}

export interface OrNode {
  readonly kind: 'or';
  readonly left: FilterNode;
  readonly right: FilterNode;
}

export interface NotNode {
  readonly kind: 'not';
  readonly filter: FilterNode;
}

/**
 * `attr[filter]`: some value of the multi-valued (or complex) attribute matches `filter`, whose paths are
 * relative to that attribute (sub-attribute names).
 */
export interface ValuePathNode {
  readonly kind: 'valuePath';
  readonly path: AttributePath;
  readonly filter: FilterNode;
}

export type FilterNode = CompareNode | PresentNode | AndNode | OrNode | NotNode | ValuePathNode;
