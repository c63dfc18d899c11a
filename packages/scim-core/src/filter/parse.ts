/**
 * RFC 7644 §3.4.2.2 filter parser: recursive descent over {@link FilterLexer}, precedence
 * `not` > `and` > `or`, both binary operators left-associative. Produces the tree in `nodes.ts`; knows
 * nothing about schemas (binding is `bind.ts`).
 */
import { InvalidFilter } from '../errors.js';
import type { AttributePath } from '../path/attribute-path.js';
import { FilterLexer } from './lexer.js';
import type { CompareNode, CompareOperator, FilterNode, PresentNode } from './nodes.js';

/** Hostile-input guard: groups, `not` and brackets nested deeper than this are rejected. */
export const MAX_FILTER_DEPTH = 50;

const LPAREN = 40;
const DOT = 46;
const LBRACKET = 91;

const COMPARE_OPERATORS: ReadonlySet<string> = new Set<CompareOperator>([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);

/** Keeps quoted input in error messages short. */
function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

class FilterGrammar {
  #depth = 0;
  #inValuePath = false;

  constructor(private readonly lexer: FilterLexer) {}

  /** `FILTER`: an or-chain of and-chains. */
  or(): FilterNode {
    let left = this.#and();
    while (this.lexer.matchKeyword('or', '(')) left = { kind: 'or', left, right: this.#and() };
    return left;
  }

  #and(): FilterNode {
    let left = this.#unary();
    while (this.lexer.matchKeyword('and', '(')) left = { kind: 'and', left, right: this.#unary() };
    return left;
  }

  /** A group, `not (…)`, a valuePath or an attribute expression. */
  #unary(): FilterNode {
    const { lexer } = this;
    lexer.skipWhitespace();
    if (lexer.atEnd()) lexer.fail('expected a filter expression');
    if (lexer.peek() === LPAREN) return this.#group();
    if (this.#matchNot()) return { kind: 'not', filter: this.#group() };
    return this.#attributeExpression();
  }

  /** `not` is a keyword only when a group follows; otherwise it is an attribute named "not". */
  #matchNot(): boolean {
    const { lexer } = this;
    const start = lexer.pos;
    if (lexer.matchKeyword('not', '(')) {
      lexer.skipWhitespace();
      if (lexer.peek() === LPAREN) return true;
    }
    lexer.pos = start;
    return false;
  }

  #group(): FilterNode {
    const { lexer } = this;
    return this.#nested(() => {
      lexer.pos++;
      const filter = this.or();
      lexer.expect(')', 'to close the group (or "and"/"or" to continue it)');
      return filter;
    });
  }

  /** Reads `[ valFilter ]` with the cursor on `[`; leaves the cursor after `]`. */
  bracketed(): FilterNode {
    const { lexer } = this;
    // RFC 7644 errata 4690: a valuePath filter holds sub-attribute expressions, never another valuePath.
    if (this.#inValuePath) lexer.fail('a valuePath cannot be nested inside another valuePath');
    return this.#nested(() => {
      lexer.pos++;
      this.#inValuePath = true;
      const filter = this.or();
      this.#inValuePath = false;
      lexer.expect(']', 'to close the valuePath filter (or "and"/"or" to continue it)');
      return filter;
    });
  }

  #nested(read: () => FilterNode): FilterNode {
    if (++this.#depth > MAX_FILTER_DEPTH) {
      this.lexer.fail(`filter is nested deeper than ${MAX_FILTER_DEPTH} levels`);
    }
    const node = read();
    this.#depth--;
    return node;
  }

  #attributeExpression(): FilterNode {
    const { lexer } = this;
    const start = lexer.pos;
    const path = lexer.readPath();
    if (lexer.peek() !== LBRACKET) return this.#comparison(path, start);
    if (path.subAttribute !== undefined) {
      lexer.fail(
        `a valuePath filter applies to an attribute, not to the sub-attribute ${quote(path.subAttribute)}`,
      );
    }
    const filter = this.bracketed();
    if (lexer.peek() !== DOT) return { kind: 'valuePath', path, filter };
    // Not in the ABNF, but Entra's validator sends `emails[type eq "work"].value eq "x"`: both conditions
    // must hold for the same element, which is exactly a valuePath with an `and`.
    lexer.pos++;
    const condition = this.#comparison({ attribute: lexer.readSubAttribute() }, start);
    return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: condition } };
  }

  /** `attrPath SP compareOp SP compValue` or `attrPath SP "pr"`; `start` is where the path text began. */
  #comparison(path: AttributePath, start: number): CompareNode | PresentNode {
    const { lexer } = this;
    const written = lexer.text.slice(start, lexer.pos);
    lexer.skipWhitespace();
    const opStart = lexer.pos;
    const word = lexer.readWord();
    if (word === '') {
      const hint = /^not$/i.test(written) ? ` (or "(" after "not")` : '';
      lexer.fail(`expected a comparison operator after ${quote(written)}${hint}`);
    }
    const op = word.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPERATORS.has(op)) lexer.fail(`unknown operator ${quote(word)}`, opStart);
    lexer.skipWhitespace();
    return { kind: 'compare', path, op: op as CompareOperator, value: lexer.readValue() };
  }
}

/**
 * Parses an RFC 7644 §3.4.2.2 filter. Operators, keywords and literals are case-insensitive; throws
 * `InvalidFilter` naming what was expected and the 0-based offset.
 */
export function parseFilter(text: string): FilterNode {
  const lexer = new FilterLexer(text, InvalidFilter);
  lexer.skipWhitespace();
  if (lexer.atEnd()) lexer.fail('empty filter: expected a filter expression');
  const node = new FilterGrammar(lexer).or();
  lexer.skipWhitespace();
  if (!lexer.atEnd()) {
    lexer.fail(
      `unexpected ${quote(lexer.text.charAt(lexer.pos))}: expected "and", "or" or the end of the filter`,
    );
  }
  return node;
}

/**
 * Reads the `[ valFilter ]` of a valuePath with the cursor on `[`, leaving it after `]`. For grammars that
 * embed a valuePath, such as the PATCH `path` (RFC 7644 §3.5.2); errors use the lexer's error class.
 */
export function readBracketedFilter(lexer: FilterLexer): FilterNode {
  return new FilterGrammar(lexer).bracketed();
}
