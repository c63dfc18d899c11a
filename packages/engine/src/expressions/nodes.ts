/**
 * The expression tree (Entra attribute-mapping expressions, behaviour doc B4): a readonly tagged union
 * produced by one parser and consumed by the checker, the compiler, the printer and the log redactor.
 * Every node carries `position`, the 1-based offset of its first character in the expression text.
 */

export type CompareOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

/** `Name(arg, …)`; an argument left empty (`Replace([x], , "a")`) is a {@link MissingNode}. */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ArgumentNode[];
  readonly position: number;
}

/** `[attributeName]`: read from the source object. */
export interface AttributeNode {
  readonly kind: 'attribute';
  readonly name: string;
  readonly position: number;
}

export interface StringNode {
  readonly kind: 'string';
  readonly value: string;
  readonly position: number;
}

/** `42`, `-10`, `1.5`, or VBA hex `&HF7` (`hex: true`, printed back the same way). */
export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly hex: boolean;
  readonly position: number;
}

/** A bare word that is not a call, such as `vbTextCompare` in `InStr`. */
export interface NameNode {
  readonly kind: 'name';
  readonly name: string;
  readonly position: number;
}

/** `left op right`, as in `IIF([country]="USA", …)` or `CBool([a] = [b])`; never chained. */
export interface CompareNode {
  readonly kind: 'compare';
  readonly op: CompareOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly position: number;
}

/** An argument position left empty between commas. */
export interface MissingNode {
  readonly kind: 'missing';
  readonly position: number;
}

export type ExpressionNode = CallNode | AttributeNode | StringNode | NumberNode | NameNode | CompareNode;

export type ArgumentNode = ExpressionNode | MissingNode;
