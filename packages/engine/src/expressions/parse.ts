/**
 * Recursive-descent parser for Entra attribute-mapping expressions (B4):
 *
 *   expression := operand ( compareOp operand )?          compareOp := = | <> | > | >= | < | <=
 *   operand    := Name "(" [ argument ( "," argument )* ] ")" | Name | "[" attribute "]" | string | number
 *   argument   := expression | (nothing: an empty positional argument)
 *   string     := '"' ( '\"' | '\\' | any other character )* '"'
 *   number     := "-"? digits ( "." digits )? ( ("e"|"E") ("+"|"-")? digits )? | "&H" hexdigits
 *
 * Names are case-sensitive and resolved later by the checker, so the tree is pure syntax.
 */
import { ExpressionError } from './errors.js';
import type { ArgumentNode, CompareOperator, ExpressionNode } from './nodes.js';

/** Entra's limit on an expression's length (B3). */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Hostile-input guard: calls nested deeper than this are rejected instead of exhausting the stack. */
export const MAX_EXPRESSION_DEPTH = 100;

const QUOTE = 34;
const AMPERSAND = 38;
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const LESS = 60;
const EQUALS = 61;
const GREATER = 62;
const LBRACKET = 91;
const BACKSLASH = 92;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isNameStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isNamePart = (code: number): boolean => isNameStart(code) || isDigit(code);
const isWhitespace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/** Keeps quoted input in error messages short. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

class ExpressionGrammar {
  #pos = 0;
  #depth = 0;

  constructor(private readonly text: string) {}

  parse(): ExpressionNode {
    this.#skipWhitespace();
    if (this.#atEnd())
      this.#fail('empty expression: expected a function call, [attribute], string or number');
    const node = this.#expression();
    this.#skipWhitespace();
    if (!this.#atEnd()) this.#fail(`unexpected ${this.#describeHere()} after the end of the expression`);
    return node;
  }

  #fail(message: string, at: number = this.#pos): never {
    throw new ExpressionError(at + 1, message, this.text);
  }

  #atEnd(): boolean {
    return this.#pos >= this.text.length;
  }

  #peek(offset = 0): number {
    const at = this.#pos + offset;
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  #skipWhitespace(): void {
    while (isWhitespace(this.#peek())) this.#pos++;
  }

  #describeHere(): string {
    return this.#atEnd() ? 'end of expression' : quote(this.text.charAt(this.#pos));
  }

  #expression(): ExpressionNode {
    const left = this.#operand();
    this.#skipWhitespace();
    const op = this.#readOperator();
    if (op === undefined) return left;
    this.#skipWhitespace();
    const right = this.#operand();
    this.#skipWhitespace();
    const next = this.#pos;
    if (this.#readOperator() !== undefined) {
      this.#fail('comparisons cannot be chained; nest IIF calls instead', next);
    }
    return { kind: 'compare', op, left, right, position: left.position };
  }

  #readOperator(): CompareOperator | undefined {
    const first = this.#peek();
    const second = this.#peek(1);
    if (first === EQUALS) {
      this.#pos++;
      return '=';
    }
    if (first === LESS) {
      this.#pos += second === GREATER || second === EQUALS ? 2 : 1;
      return second === GREATER ? '<>' : second === EQUALS ? '<=' : '<';
    }
    if (first === GREATER) {
      this.#pos += second === EQUALS ? 2 : 1;
      return second === EQUALS ? '>=' : '>';
    }
    return undefined;
  }

  #operand(): ExpressionNode {
    const code = this.#peek();
    if (code === LBRACKET) return this.#attribute();
    if (code === QUOTE) return this.#string();
    if (isDigit(code) || (code === MINUS && isDigit(this.#peek(1))) || code === AMPERSAND) {
      return this.#number();
    }
    if (isNameStart(code)) return this.#nameOrCall();
    if (this.#atEnd()) this.#fail('expected a function call, [attribute], string or number');
    this.#fail(`unexpected ${this.#describeHere()}: expected a function call, [attribute], string or number`);
  }

  #attribute(): ExpressionNode {
    const start = this.#pos;
    const close = this.text.indexOf(']', start + 1);
    const end = close < 0 ? this.text.length : close;
    const name = this.text.slice(start + 1, end);
    const bad = name.search(/[[\n\r\t"]/);
    if (bad >= 0) {
      this.#fail(`unexpected ${quote(name.charAt(bad))} in an attribute name`, start + 1 + bad);
    }
    if (close < 0) this.#fail('unterminated attribute name: expected "]"', start);
    if (name.trim() === '') this.#fail('empty attribute name: expected [attributeName]', start);
    if (name.trim() !== name) this.#fail(`attribute name ${quote(name)} has surrounding spaces`, start + 1);
    this.#pos = close + 1;
    return { kind: 'attribute', name, position: start + 1 };
  }

  /** `\"` and `\\` are the documented escapes; any other backslash is kept, so `"\d+"` still means `\d+`. */
  #string(): ExpressionNode {
    const start = this.#pos;
    let value = '';
    let chunkStart = start + 1;
    for (let i = start + 1; i < this.text.length; i++) {
      const code = this.text.charCodeAt(i);
      if (code === QUOTE) {
        this.#pos = i + 1;
        return { kind: 'string', value: value + this.text.slice(chunkStart, i), position: start + 1 };
      }
      if (code === BACKSLASH) {
        const next = this.text.charCodeAt(i + 1);
        if (next === QUOTE || next === BACKSLASH) {
          value += this.text.slice(chunkStart, i);
          chunkStart = i + 1;
          i++;
        }
      }
    }
    this.#fail(
      'unterminated string: expected a closing \'"\' (write \\" for a quote inside a string)',
      start,
    );
  }

  #number(): ExpressionNode {
    const start = this.#pos;
    if (this.#peek() === AMPERSAND) {
      const match = /^&[Hh]([0-9A-Fa-f]+)/.exec(this.text.slice(start, start + 40));
      if (match === null) this.#fail('expected a hexadecimal number like &HFF after "&"');
      const digits = match[1] ?? '';
      const value = BigInt(`0x${digits}`);
      if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.#fail('hexadecimal number is too large', start);
      this.#pos = start + match[0].length;
      this.#expectTokenEnd();
      return { kind: 'number', value: Number(value), hex: true, position: start + 1 };
    }
    if (this.#peek() === MINUS) this.#pos++;
    this.#skipDigits();
    if (this.#peek() === DOT) {
      this.#pos++;
      if (!isDigit(this.#peek())) this.#fail('expected a digit after the decimal point');
      this.#skipDigits();
    }
    const exponent = /^[eE][+-]?\d/.exec(this.text.slice(this.#pos, this.#pos + 3));
    if (exponent !== null) {
      this.#pos += exponent[0].length - 1;
      this.#skipDigits();
    }
    this.#expectTokenEnd();
    const value = Number(this.text.slice(start, this.#pos));
    if (!Number.isFinite(value)) this.#fail('number is out of range', start);
    return { kind: 'number', value, hex: false, position: start + 1 };
  }

  #skipDigits(): void {
    while (isDigit(this.#peek())) this.#pos++;
  }

  /** `12abc` is one malformed token, not a number followed by a name. */
  #expectTokenEnd(): void {
    const code = this.#peek();
    if (isNamePart(code) || code === DOT) this.#fail(`unexpected ${this.#describeHere()} in a number`);
  }

  #nameOrCall(): ExpressionNode {
    const start = this.#pos;
    while (isNamePart(this.#peek())) this.#pos++;
    const name = this.text.slice(start, this.#pos);
    const afterName = this.#pos;
    this.#skipWhitespace();
    if (this.#peek() !== LPAREN) {
      this.#pos = afterName;
      return { kind: 'name', name, position: start + 1 };
    }
    if (++this.#depth > MAX_EXPRESSION_DEPTH) {
      this.#fail(`functions are nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, start);
    }
    this.#pos++;
    const args = this.#arguments(name);
    this.#depth--;
    return { kind: 'call', name, args, position: start + 1 };
  }

  /** Reads the arguments after `(` up to and including `)`. `F()` has none; `F(,)` has two empty ones. */
  #arguments(name: string): ArgumentNode[] {
    const args: ArgumentNode[] = [];
    this.#skipWhitespace();
    if (this.#peek() === RPAREN) {
      this.#pos++;
      return args;
    }
    for (;;) {
      this.#skipWhitespace();
      const code = this.#peek();
      if (code === COMMA || code === RPAREN) {
        args.push({ kind: 'missing', position: this.#pos + 1 });
      } else {
        args.push(this.#expression());
        this.#skipWhitespace();
      }
      const next = this.#peek();
      this.#pos++;
      if (next === RPAREN) return args;
      if (next !== COMMA) {
        this.#pos--;
        this.#fail(`unexpected ${this.#describeHere()} in the arguments of ${name}: expected "," or ")"`);
      }
    }
  }
}

/**
 * Parses an expression into its tree. Throws {@link ExpressionError} with the 1-based position of the
 * first character that cannot be read, for any input.
 */
export function parseExpression(text: string): ExpressionNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      MAX_EXPRESSION_LENGTH + 1,
      `expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  return new ExpressionGrammar(text).parse();
}
