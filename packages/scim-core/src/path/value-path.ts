/**
 * RFC 7644 §3.5.2 PATCH `path`: `PATH = attrPath / valuePath [subAttr]`, e.g. `name.givenName`,
 * `members[value eq "u1"]`, `emails[type eq "work"].value`, each optionally URN-qualified.
 */
import { InvalidPath } from '../errors.js';
import { FilterLexer } from '../filter/lexer.js';
import type { FilterNode } from '../filter/nodes.js';
import { readBracketedFilter } from '../filter/parse.js';
import type { AttributePath } from './attribute-path.js';

const DOT = 46;
const LBRACKET = 91;

/** A parsed PATCH path. With `filter`, `path` has no sub-attribute and a trailing `.sub` is `subAttribute`. */
export interface ValuePathExpression {
  readonly path: AttributePath;
  /** The valuePath filter; its paths are relative to `path` (sub-attribute names). */
  readonly filter?: FilterNode;
  readonly subAttribute?: string;
}

/** Parses a PATCH `path`; throws `InvalidPath` with the 0-based offset of the problem. */
export function parseValuePath(text: string): ValuePathExpression {
  const lexer = new FilterLexer(text, InvalidPath);
  lexer.skipWhitespace();
  if (lexer.atEnd()) lexer.fail('empty path: expected an attribute path');
  const path = lexer.readPath();
  let expression: ValuePathExpression = { path };
  if (lexer.peek() === LBRACKET) {
    if (path.subAttribute !== undefined) {
      lexer.fail(
        `a valuePath filter applies to an attribute, not to the sub-attribute "${path.subAttribute}"`,
      );
    }
    const filter = readBracketedFilter(lexer);
    expression = { path, filter };
    if (lexer.peek() === DOT) {
      lexer.pos++;
      expression = { path, filter, subAttribute: lexer.readSubAttribute() };
    }
  }
  lexer.skipWhitespace();
  if (!lexer.atEnd())
    lexer.fail(`unexpected "${lexer.text.charAt(lexer.pos)}": expected the end of the path`);
  return expression;
}
