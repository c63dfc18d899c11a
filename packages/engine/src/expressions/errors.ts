/**
 * The expression language's errors. Positions are 1-based offsets into the expression text; `line` and
 * `column` (both 1-based) locate the same character for multi-line expressions.
 */

export interface SourceLocation {
  readonly position: number;
  readonly line: number;
  readonly column: number;
}

/** Locates the 1-based `position` in `text` as a line and column. */
export function locate(text: string, position: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(position - 1, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { position, line, column: position - lineStart };
}

/** A syntax error, or (from `compileExpression`) the first save-time problem of an expression. */
export class ExpressionError extends Error {
  readonly code = 'invalidExpression';
  readonly line: number;
  readonly column: number;

  constructor(
    readonly position: number,
    readonly detail: string,
    text?: string,
  ) {
    const at = text === undefined ? { line: 1, column: position } : locate(text, position);
    const where = at.line > 1 ? `line ${at.line}, column ${at.column}` : `column ${at.column}`;
    super(`${detail} (at ${where})`);
    this.name = 'ExpressionError';
    this.line = at.line;
    this.column = at.column;
  }
}

export type ExpressionProblemCode =
  | 'unknownFunction'
  | 'unknownName'
  | 'unknownAttribute'
  | 'arity'
  | 'missingArgument'
  | 'type'
  | 'placement'
  | 'invalidArgument';

/** A save-time finding of `checkExpression`; each names where in the text it applies. */
export interface ExpressionProblem {
  readonly code: ExpressionProblemCode;
  readonly position: number;
  readonly message: string;
}

/**
 * A failure while evaluating a compiled expression for one object (`Item` index 0, a date CDate cannot
 * read, …). The planner turns it into a per-object failure; it never ends a cycle.
 */
export class ExpressionEvaluationError extends Error {
  readonly code = 'expressionEvaluation';

  constructor(
    readonly functionName: string,
    readonly position: number,
    readonly detail: string,
  ) {
    super(`${functionName}: ${detail}`);
    this.name = 'ExpressionEvaluationError';
  }
}
