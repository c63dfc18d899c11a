/**
 * Character-level reading shared by the filter grammar (RFC 7644 §3.4.2.2) and the PATCH path grammar
 * (§3.5.2): whitespace, keywords, attribute paths and JSON literals, over char codes without a token
 * array so that short filters parse in well under a microsecond per token.
 */
import type { ScimError } from '../errors.js';
import { type AttributePath, scanAttributePath } from '../path/attribute-path.js';
import type { FilterValue } from './nodes.js';

/** Hostile-input guard: longer filters and paths are rejected before any parsing. */
export const MAX_FILTER_LENGTH = 10_000;

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const RPAREN = 41;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const RBRACKET = 93;
const BACKSLASH = 92;
const LOWER_E = 101;

/** The whitespace characters `scanAttributePath` also treats as terminators, so both agree on tokens. */
export function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function isLetter(code: number): boolean {
  const folded = code | 0x20;
  return folded >= 97 && folded <= 122;
}

/** Characters that may directly follow a bare word or number: the end of a token. */
function endsToken(code: number): boolean {
  return code < 0 || isWhitespace(code) || code === RPAREN || code === RBRACKET;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** A cursor over one filter or path text; every error names the 0-based offset where reading failed. */
export class FilterLexer {
  pos = 0;

  constructor(
    readonly text: string,
    readonly ErrorClass: new (detail: string) => ScimError,
  ) {
    if (text.length > MAX_FILTER_LENGTH) {
      throw new ErrorClass(`input is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH}`);
    }
  }

  /** Throws the lexer's error class with `expected` and the offset. */
  fail(message: string, at: number = this.pos): never {
    throw new this.ErrorClass(`${message} at offset ${at}`);
  }

  /** The char code at the cursor, or -1 at the end. */
  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Consumes `char` (after whitespace) or fails naming what was expected. */
  expect(char: string, context: string): void {
    this.skipWhitespace();
    if (this.peek() !== char.charCodeAt(0)) this.fail(`expected "${char}" ${context}`);
    this.pos++;
  }

  /** The run of ASCII letters at the cursor (an operator or keyword), consumed. */
  readWord(): string {
    const start = this.pos;
    while (isLetter(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /**
   * After whitespace, consumes `word` (lowercase; matched case-insensitively) when it stands alone, i.e. is
   * followed by whitespace, the end, or one of `followers`. Otherwise leaves the cursor where it was.
   */
  matchKeyword(word: string, followers = ''): boolean {
    const start = this.pos;
    this.skipWhitespace();
    const end = this.pos + word.length;
    if (end <= this.text.length && this.#foldedEquals(this.pos, word)) {
      const next = end < this.text.length ? this.text.charCodeAt(end) : -1;
      if (next < 0 || isWhitespace(next) || followers.includes(String.fromCharCode(next))) {
        this.pos = end;
        return true;
      }
    }
    this.pos = start;
    return false;
  }

  #foldedEquals(at: number, word: string): boolean {
    for (let i = 0; i < word.length; i++) {
      if ((this.text.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
    }
    return true;
  }

  /** Reads an RFC 7644 §3.10 attribute path at the cursor (no leading whitespace skipped). */
  readPath(what = 'an attribute path'): AttributePath {
    const scanned = scanAttributePath(this.text, this.pos);
    if (!scanned) this.fail(`expected ${what}`);
    this.pos = scanned.end;
    return scanned.path;
  }

  /** Reads a bare sub-attribute name (after `].` in `emails[…].value`). */
  readSubAttribute(): string {
    const start = this.pos;
    const path = this.readPath('a sub-attribute name');
    if (path.schema !== undefined || path.subAttribute !== undefined) {
      this.fail('expected a single sub-attribute name', start);
    }
    return path.attribute;
  }

  /** Reads a comparison value: a JSON string, number, `true`, `false` or `null` (any case). */
  readValue(): FilterValue {
    const code = this.peek();
    if (code === QUOTE) return this.#readString();
    if (code === MINUS || isDigit(code)) return this.#readNumber();
    const start = this.pos;
    const word = this.readWord().toLowerCase();
    if (endsToken(this.peek())) {
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
    }
    return this.fail('expected a value (a JSON string, number, true, false or null)', start);
  }

  #readString(): string {
    const start = this.pos;
    const { text } = this;
    let i = start + 1;
    // Fast path: no escapes, so the value is a plain slice.
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return text.slice(start + 1, i);
      }
      if (c === BACKSLASH) break;
      if (c < SPACE) this.fail('control character in string (RFC 8259 requires it escaped)', i);
      i++;
    }
    if (i >= text.length) this.fail('unterminated string starting', start);
    return this.#readEscapedString(start, i);
  }

  #readEscapedString(start: number, firstEscape: number): string {
    const { text } = this;
    let out = text.slice(start + 1, firstEscape);
    let i = firstEscape;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        this.pos = i + 1;
        return out;
      }
      if (c < SPACE) this.fail('control character in string (RFC 8259 requires it escaped)', i);
      if (c !== BACKSLASH) {
        out += text[i];
        i++;
        continue;
      }
      const kind = text[i + 1];
      if (kind === undefined) break;
      if (kind === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('expected four hex digits after "\\u"', i);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
        continue;
      }
      const escaped = ESCAPES[kind];
      if (escaped === undefined) this.fail('invalid escape in string', i);
      out += escaped;
      i += 2;
    }
    return this.fail('unterminated string starting', start);
  }

  /** RFC 8259 §6 number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
  #readNumber(): number {
    const start = this.pos;
    if (this.peek() === MINUS) this.pos++;
    if (this.peek() === ZERO) this.pos++;
    else if (!this.#readDigits()) this.fail('invalid number', start);
    if (this.peek() === DOT) {
      this.pos++;
      if (!this.#readDigits()) this.fail('invalid number: digits expected after "."', start);
    }
    if ((this.peek() | 0x20) === LOWER_E) {
      this.pos++;
      if (this.peek() === PLUS || this.peek() === MINUS) this.pos++;
      if (!this.#readDigits()) this.fail('invalid number: digits expected in the exponent', start);
    }
    if (!endsToken(this.peek())) this.fail('invalid number', start);
    const value = Number(this.text.slice(start, this.pos));
    if (!Number.isFinite(value)) this.fail('number out of range', start);
    return value;
  }

  #readDigits(): boolean {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    return this.pos > start;
  }
}
