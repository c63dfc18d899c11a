/**
 * Dates the way Entra's expression engine (a .NET service running in UTC) reads and writes them: .NET
 * custom and standard date format strings with en-US names, the `M/d/yyyy h:mm:ss tt` rendering of
 * CDate/DateAdd/Now, the date texts CDate accepts, and Windows FILETIME numbers.
 *
 * Every Date here is a UTC instant. A parsed UTC offset is applied, then dropped: on a UTC server .NET
 * converts offset-bearing times to local time, which is UTC, so output offsets are always zero.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** en-US standard formats (a one-character format string), as .NET expands them. */
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  m: 'MMMM d',
  M: 'MMMM d',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, MMMM d, yyyy h:mm:ss tt',
  y: 'MMMM yyyy',
  Y: 'MMMM yyyy',
};

/** How CDate, DateAdd and Now render a DateTime (B4). */
export const ENTRA_DATE_FORMAT = 'M/d/yyyy h:mm:ss tt';

/** The .NET `DateTimeStyles` names `FormatDateTime` accepts in its second argument. */
export const DATE_TIME_STYLES: ReadonlySet<string> = new Set([
  'None',
  'AllowLeadingWhite',
  'AllowTrailingWhite',
  'AllowInnerWhite',
  'AllowWhiteSpaces',
  'NoCurrentDateDefault',
  'AdjustToUniversal',
  'AssumeLocal',
  'AssumeUniversal',
  'RoundtripKind',
]);

/** A format string .NET would reject. */
export class DateFormatError extends Error {}

interface FieldToken {
  readonly kind: 'field';
  readonly letter: string;
  readonly count: number;
}
type FormatToken = FieldToken | { readonly kind: 'literal'; readonly text: string };

const FIELD_LETTERS = new Set(['d', 'f', 'F', 'g', 'h', 'H', 'K', 'm', 'M', 's', 't', 'y', 'z']);

/** Splits a .NET date format string into fields and literal text. */
export function tokenizeDateFormat(format: string): readonly FormatToken[] {
  if (format === '') throw new DateFormatError('the date format is empty');
  const pattern = format.length === 1 ? STANDARD_FORMATS[format] : format;
  if (pattern === undefined) throw new DateFormatError(`"${format}" is not a standard date format`);
  const tokens: FormatToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern.charAt(i);
    if (char === "'" || char === '"') {
      let text = '';
      let j = i + 1;
      for (; j < pattern.length && pattern.charAt(j) !== char; j++) {
        if (pattern.charAt(j) === '\\' && j + 1 < pattern.length) j++;
        text += pattern.charAt(j);
      }
      if (j >= pattern.length) throw new DateFormatError(`unterminated quoted text in "${format}"`);
      tokens.push({ kind: 'literal', text });
      i = j + 1;
    } else if (char === '\\') {
      if (i + 1 >= pattern.length) throw new DateFormatError(`"${format}" ends with a lone backslash`);
      tokens.push({ kind: 'literal', text: pattern.charAt(i + 1) });
      i += 2;
    } else if (char === '%') {
      const next = pattern.charAt(i + 1);
      if (!FIELD_LETTERS.has(next))
        throw new DateFormatError(`"%" must precede a format letter in "${format}"`);
      tokens.push({ kind: 'field', letter: next, count: 1 });
      i += 2;
    } else if (FIELD_LETTERS.has(char)) {
      let count = 1;
      while (pattern.charAt(i + count) === char) count++;
      if ((char === 'f' || char === 'F') && count > 7) {
        throw new DateFormatError(`"${char.repeat(count)}" asks for more than 7 fraction digits`);
      }
      tokens.push({ kind: 'field', letter: char, count });
      i += count;
    } else {
      tokens.push({ kind: 'literal', text: char });
      i++;
    }
  }
  return tokens;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatField(date: Date, letter: string, count: number): string {
  const hours = date.getUTCHours();
  switch (letter) {
    case 'd':
      if (count >= 4) return DAYS[date.getUTCDay()] ?? '';
      if (count === 3) return (DAYS[date.getUTCDay()] ?? '').slice(0, 3);
      return pad(date.getUTCDate(), count);
    case 'M':
      if (count >= 4) return MONTHS[date.getUTCMonth()] ?? '';
      if (count === 3) return (MONTHS[date.getUTCMonth()] ?? '').slice(0, 3);
      return pad(date.getUTCMonth() + 1, count);
    case 'y': {
      const year = date.getUTCFullYear();
      return count <= 2 ? pad(year % 100, count) : pad(year, count);
    }
    case 'h':
      return pad(hours % 12 || 12, Math.min(count, 2));
    case 'H':
      return pad(hours, Math.min(count, 2));
    case 'm':
      return pad(date.getUTCMinutes(), Math.min(count, 2));
    case 's':
      return pad(date.getUTCSeconds(), Math.min(count, 2));
    case 'f':
    case 'F': {
      // A Date holds milliseconds; the 4th to 7th digits of .NET's 100-ns ticks are always zero here.
      const digits = pad(date.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, count);
      return letter === 'F' ? digits.replace(/0+$/, '') : digits;
    }
    case 't':
      return (hours < 12 ? 'AM' : 'PM').slice(0, count >= 2 ? 2 : 1);
    case 'z':
      return count === 1 ? '+0' : count === 2 ? '+00' : '+00:00';
    case 'K':
      return 'Z';
    default:
      return 'A.D.';
  }
}

/**
 * Formats are constants of a mapping evaluated for every object of a cycle, so their tokens and parse
 * patterns are kept; the bound only guards against formats that come from data.
 */
const MAX_CACHED_FORMATS = 256;
const tokenCache = new Map<string, readonly FormatToken[]>();
const parserCache = new Map<string, { readonly regex: RegExp; readonly fields: readonly FieldToken[] }>();

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED_FORMATS) cache.clear();
    value = build();
    cache.set(key, value);
  }
  return value;
}

/** Formats a UTC instant with a .NET custom or standard format string (en-US names). */
export function formatDate(date: Date, format: string): string {
  return cached(tokenCache, format, () => tokenizeDateFormat(format))
    .map((token) => (token.kind === 'literal' ? token.text : formatField(date, token.letter, token.count)))
    .join('');
}

export function formatEntraDate(date: Date): string {
  return formatDate(date, ENTRA_DATE_FORMAT);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAME_CHOICES = (names: readonly string[], length?: number): string =>
  names.map((name) => (length === undefined ? name : name.slice(0, length))).join('|');

function fieldPattern(letter: string, count: number): string {
  switch (letter) {
    case 'd':
      if (count >= 4) return `(${NAME_CHOICES(DAYS)})`;
      if (count === 3) return `(${NAME_CHOICES(DAYS, 3)})`;
      return count === 1 ? '(\\d{1,2})' : '(\\d{2})';
    case 'M':
      if (count >= 4) return `(${NAME_CHOICES(MONTHS)})`;
      if (count === 3) return `(${NAME_CHOICES(MONTHS, 3)})`;
      return count === 1 ? '(\\d{1,2})' : '(\\d{2})';
    case 'y':
      return count === 1
        ? '(\\d{1,2})'
        : count === 2
          ? '(\\d{2})'
          : count === 3
            ? '(\\d{3,4})'
            : `(\\d{${count}})`;
    case 'h':
    case 'H':
    case 'm':
    case 's':
      return count === 1 ? '(\\d{1,2})' : '(\\d{2})';
    case 'f':
      return `(\\d{${count}})`;
    case 'F':
      return `(\\d{0,${count}})`;
    case 't':
      return count === 1 ? '([AP])' : '(AM|PM)';
    case 'z':
      return count === 1 ? '([+-]\\d{1,2})' : count === 2 ? '([+-]\\d{2})' : '([+-]\\d{2}:\\d{2})';
    case 'K':
      return '(Z|[+-]\\d{2}:\\d{2})?';
    default:
      return '(A\\.D\\.|AD)';
  }
}

/** The UTC instant for these fields, or undefined when one is out of range (Feb 30, hour 24…). */
export function utcInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || year < 1 || year > 9999) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

/** `+07:00`, `-7`, `Z` → minutes east of UTC. */
function offsetMinutes(text: string): number {
  if (text === 'Z' || text === '') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const [hours = '0', minutes = '0'] = text.slice(1).split(':');
  return sign * (Number(hours) * 60 + Number(minutes));
}

interface ParseOptions {
  /** The date used when the format has no date fields (.NET takes today). */
  readonly today: Date;
  /** Surrounding whitespace allowed (.NET AllowLeadingWhite/AllowTrailingWhite). */
  readonly trim: boolean;
}

function buildParser(format: string) {
  const fields: FieldToken[] = [];
  let pattern = '';
  for (const token of tokenizeDateFormat(format)) {
    if (token.kind === 'literal') {
      pattern += escapeRegExp(token.text);
    } else {
      pattern += fieldPattern(token.letter, token.count);
      fields.push(token);
    }
  }
  return { regex: new RegExp(`^${pattern}$`, 'i'), fields };
}

/** .NET `DateTime.ParseExact` for one format; undefined when `text` does not match it. */
export function parseDate(text: string, format: string, options: ParseOptions): Date | undefined {
  const { regex, fields } = cached(parserCache, format, () => buildParser(format));
  const input = options.trim ? text.trim() : text;
  const match = regex.exec(input);
  if (match === null) return undefined;
  let year = options.today.getUTCFullYear();
  let month = options.today.getUTCMonth() + 1;
  let day = options.today.getUTCDate();
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let pm: boolean | undefined;
  let offset = 0;
  fields.forEach(({ letter, count }, index) => {
    const value = match[index + 1] ?? '';
    const lower = value.toLowerCase();
    switch (letter) {
      case 'd':
        if (count <= 2) day = Number(value);
        break;
      case 'M':
        month =
          count >= 3 ? MONTHS.findIndex((name) => name.toLowerCase().startsWith(lower)) + 1 : Number(value);
        break;
      case 'y':
        // .NET's TwoDigitYearMax is 2049.
        year = count <= 2 ? (Number(value) < 50 ? 2000 : 1900) + Number(value) : Number(value);
        break;
      case 'h':
      case 'H':
        hour = Number(value);
        break;
      case 'm':
        minute = Number(value);
        break;
      case 's':
        second = Number(value);
        break;
      case 'f':
      case 'F':
        millisecond = Math.floor(Number(`0.${value}0`) * 1000);
        break;
      case 't':
        pm = lower.startsWith('p');
        break;
      case 'z':
      case 'K':
        offset = offsetMinutes(value);
        break;
    }
  });
  if (pm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const local = utcInstant(year, month, day, hour, minute, second, millisecond);
  return local === undefined ? undefined : new Date(local.getTime() - offset * 60_000);
}

const ISO_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a date text the way CDate does for the forms Entra's sources send: ISO 8601 with or without
 * time and offset (`2020-03-16-07:00`, `2009-06-15T01:45:30-07:00`) and the US form CDate itself writes
 * (`8/25/2021 5:41:18 PM`). No offset means UTC.
 */
export function parseDateText(text: string): Date | undefined {
  const trimmed = text.trim();
  const iso = ISO_DATE.exec(trimmed);
  if (iso !== null) {
    const [, y, mo, d, h, mi, s, fraction, zone] = iso;
    return shifted(
      utcInstant(
        Number(y),
        Number(mo),
        Number(d),
        Number(h ?? 0),
        Number(mi ?? 0),
        Number(s ?? 0),
        fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
      ),
      zone,
    );
  }
  const us = US_DATE.exec(trimmed);
  if (us === null) return undefined;
  const [, mo, d, y, h, mi, s, meridiem, zone] = us;
  let hour = Number(h ?? 0);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  return shifted(utcInstant(Number(y), Number(mo), Number(d), hour, Number(mi ?? 0), Number(s ?? 0)), zone);
}

function shifted(local: Date | undefined, zone: string | undefined): Date | undefined {
  if (local === undefined) return undefined;
  const normalized =
    zone === undefined || /^z$/i.test(zone) ? '' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return new Date(local.getTime() - offsetMinutes(normalized) * 60_000);
}

/** Milliseconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;
const TICKS_PER_MS = 10_000n;

/** Windows FILETIME (100-ns ticks since 1601-01-01 UTC), as an exact decimal string. */
export function toFileTime(date: Date): string {
  return ((BigInt(date.getTime()) + FILETIME_EPOCH_OFFSET_MS) * TICKS_PER_MS).toString();
}

/** The instant of a FILETIME, to the millisecond (ticks below 1 ms are dropped, as .NET's ms would). */
export function fromFileTime(ticks: bigint): Date {
  return new Date(Number(ticks / TICKS_PER_MS - FILETIME_EPOCH_OFFSET_MS));
}
