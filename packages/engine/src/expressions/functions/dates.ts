/**
 * Date functions (B4). DateTime values are UTC `Date`s; as a mapping's result they render as
 * `M/d/yyyy h:mm:ss tt`. DateAdd and DateDiff follow VBA: months clamp to the month's last day, and
 * DateDiff counts calendar boundaries crossed (years, months, days, Sunday-started weeks…).
 */
import { date, dateOf, integer, single, text, textOf } from '../coerce.js';
import {
  DATE_TIME_STYLES,
  DateFormatError,
  daysInMonth,
  formatDate,
  fromFileTime,
  parseDate,
  toFileTime,
  tokenizeDateFormat,
  utcInstant,
} from '../datetime.js';
import {
  type FunctionDefinition,
  type Invocation,
  type ReportProblem,
  literalValue,
} from '../function-definition.js';
import type { ArgumentNode } from '../nodes.js';
import { type ExpressionValue, isList } from '../values.js';

const INTERVALS = ['yyyy', 'm', 'd', 'ww', 'h', 'n', 's'] as const;
type Interval = (typeof INTERVALS)[number];

const MS_PER = { s: 1_000, n: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function interval(call: Invocation): Interval {
  const value = text(call, 0);
  if (!INTERVALS.includes(value as Interval)) {
    call.fail(`interval ${JSON.stringify(value)} is not one of ${INTERVALS.join(', ')}`);
  }
  return value as Interval;
}

function validateInterval(args: readonly ArgumentNode[], report: ReportProblem): void {
  const value = literalValue(args[0]);
  if (value !== undefined && !INTERVALS.includes(value as Interval)) {
    report(args[0], `interval must be one of ${INTERVALS.map((name) => `"${name}"`).join(', ')}`);
  }
}

function addMonths(start: Date, months: number): Date {
  const total = start.getUTCFullYear() * 12 + start.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(start.getUTCDate(), daysInMonth(year, month));
  const result = utcInstant(
    year,
    month,
    day,
    start.getUTCHours(),
    start.getUTCMinutes(),
    start.getUTCSeconds(),
    start.getUTCMilliseconds(),
  );
  if (result === undefined) throw new RangeError(`year ${year} is outside 1-9999`);
  return result;
}

function dateAdd(unit: Interval, amount: number, start: Date): Date {
  switch (unit) {
    case 'yyyy':
      return addMonths(start, amount * 12);
    case 'm':
      return addMonths(start, amount);
    case 'ww':
      return new Date(start.getTime() + amount * 7 * MS_PER.d);
    default:
      return new Date(start.getTime() + amount * MS_PER[unit]);
  }
}

/** Days since 1970-01-01 (a Thursday), so `(day + 4) / 7` steps at each Sunday. */
const dayNumber = (value: Date): number => Math.floor(value.getTime() / MS_PER.d);

function dateDiff(unit: Interval, first: Date, second: Date): number {
  switch (unit) {
    case 'yyyy':
      return second.getUTCFullYear() - first.getUTCFullYear();
    case 'm':
      return (
        second.getUTCFullYear() * 12 +
        second.getUTCMonth() -
        (first.getUTCFullYear() * 12 + first.getUTCMonth())
      );
    case 'ww':
      return Math.floor((dayNumber(second) + 4) / 7) - Math.floor((dayNumber(first) + 4) / 7);
    default:
      return Math.floor(second.getTime() / MS_PER[unit]) - Math.floor(first.getTime() / MS_PER[unit]);
  }
}

function validateFormats(args: readonly ArgumentNode[], report: ReportProblem): void {
  for (const index of [2, 3]) {
    const format = literalValue(args[index]);
    if (typeof format !== 'string') continue;
    try {
      tokenizeDateFormat(format);
    } catch (error) {
      if (!(error instanceof DateFormatError)) throw error;
      report(args[index], error.message);
    }
  }
  const styles = literalValue(args[1]);
  if (typeof styles === 'string') {
    const unknown = styleNames(styles).filter((name) => !DATE_TIME_STYLES.has(name));
    if (unknown.length > 0)
      report(args[1], `unknown DateTimeStyles ${unknown.map((name) => `"${name}"`).join(', ')}`);
  }
}

/** `"AllowLeadingWhite, DateTimeStyles.AdjustToUniversal"` → the bare names. */
function styleNames(styles: string): string[] {
  return styles
    .split(/[,|]/)
    .map((name) => name.trim().replace(/^DateTimeStyles\./, ''))
    .filter((name) => name !== '');
}

function formatDateTime(call: Invocation): ExpressionValue {
  const inputFormat = text(call, 2) ?? '';
  const outputFormat = text(call, 3) ?? '';
  // Without styles Entra uses RoundtripKind | AllowLeadingWhite | AllowTrailingWhite.
  const styles = call.has(1) ? styleNames(text(call, 1) ?? '') : ['AllowLeadingWhite', 'AllowTrailingWhite'];
  const trim = styles.some((name) => name.startsWith('Allow'));
  const reformat = (value: ExpressionValue): string | null => {
    const scalar = single(call, value);
    if (scalar === null) return null;
    try {
      if (scalar instanceof Date) return formatDate(scalar, outputFormat);
      const source = textOf(scalar) ?? '';
      const parsed = parseDate(source, inputFormat, { today: call.env.now(), trim });
      if (parsed === undefined) {
        call.fail(`${JSON.stringify(source)} does not match the input format ${JSON.stringify(inputFormat)}`);
      }
      return formatDate(parsed, outputFormat);
    } catch (error) {
      if (error instanceof DateFormatError) call.fail(error.message);
      throw error;
    }
  };
  const value = call.arg(0);
  return isList(value) ? value.map(reformat) : reformat(value);
}

/** Reads an AD FILETIME given as a number or as a digit string (exact beyond 2^53). */
function fileTime(call: Invocation): bigint | null {
  const value = single(call, call.arg(0));
  if (value === null) return null;
  const digits =
    typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : (textOf(value) ?? '').trim();
  if (!/^\d+$/.test(digits))
    call.fail(`${JSON.stringify(digits)} is not a FILETIME (a non-negative whole number)`);
  return BigInt(digits);
}

export const DATE_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'CDate',
    parameters: [{ name: 'expression', type: 'text' }],
    result: 'date',
    evaluate: (call) => date(call, 0),
  },
  {
    name: 'DateAdd',
    parameters: [
      { name: 'interval', type: 'text' },
      { name: 'value', type: 'number' },
      { name: 'dateTime', type: 'date' },
    ],
    result: 'date',
    validate: validateInterval,
    evaluate: (call) => {
      const unit = interval(call);
      const amount = integer(call, 1);
      const start = date(call, 2);
      if (amount === null || start === null) return null;
      const result = dateAdd(unit, amount, start);
      if (Number.isNaN(result.getTime())) call.fail('the result is outside the range of dates');
      return result;
    },
  },
  {
    name: 'DateDiff',
    parameters: [
      { name: 'interval', type: 'text' },
      { name: 'date1', type: 'date' },
      { name: 'date2', type: 'date' },
    ],
    result: 'number',
    validate: validateInterval,
    evaluate: (call) => {
      const unit = interval(call);
      const first = date(call, 1);
      const second = date(call, 2);
      return first === null || second === null ? null : dateDiff(unit, first, second);
    },
  },
  {
    name: 'DateFromNum',
    parameters: [{ name: 'value', type: 'number' }],
    result: 'date',
    evaluate: (call) => {
      const ticks = fileTime(call);
      return ticks === null ? null : fromFileTime(ticks);
    },
  },
  {
    name: 'FormatDateTime',
    parameters: [
      { name: 'source', type: 'any' },
      { name: 'dateTimeStyles', type: 'text', optional: true },
      { name: 'inputFormat', type: 'text' },
      { name: 'outputFormat', type: 'text' },
    ],
    result: 'string',
    validate: validateFormats,
    evaluate: formatDateTime,
  },
  {
    name: 'Now',
    parameters: [],
    result: 'date',
    evaluate: (call) => call.env.now(),
  },
  {
    name: 'NumFromDate',
    parameters: [{ name: 'value', type: 'text' }],
    // A decimal string: FILETIME values (~1.3e17) are beyond the integers a double holds exactly.
    result: 'string',
    evaluate: (call) => {
      const value = dateOf(call, single(call, call.arg(0)));
      return value === null ? null : toFileTime(value);
    },
  },
];
