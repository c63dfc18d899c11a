/**
 * Conversions between expression values, shared by every function family. Entra is a .NET service, so
 * booleans read and print as "True"/"False" and dates print as `M/d/yyyy h:mm:ss tt`.
 */
import { formatEntraDate, parseDateText } from './datetime.js';
import type { Invocation } from './function-definition.js';
import { type ExpressionValue, isAbsent, isList } from './values.js';

type Scalar = Exclude<ExpressionValue, readonly ExpressionValue[]>;

/** A single value: a one-element list is that element; an absent value is null. */
export function single(call: Invocation, value: ExpressionValue): Scalar {
  if (!isList(value)) return value;
  if (value.length > 1) call.fail(`expects a single value but got ${value.length} values`);
  return single(call, value[0] ?? null);
}

/** The text of a single value, as .NET's ToString would write it. */
export function textOf(value: Scalar): string | null {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return formatEntraDate(value);
  return value.value;
}

export function text(call: Invocation, index: number): string | null {
  return textOf(single(call, call.arg(index)));
}

/** Reads a number from a number or a numeric string (decimal, or VBA hex `&HFF`). */
export function numberOf(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^&H[0-9A-F]+$/i.test(trimmed)) return Number.parseInt(trimmed.slice(2), 16);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export function number(call: Invocation, index: number): number | null {
  const value = single(call, call.arg(index));
  if (value === null) return null;
  const result = numberOf(value);
  if (result === undefined) call.fail(`${JSON.stringify(textOf(value))} is not a number`);
  return result;
}

export function integer(call: Invocation, index: number): number | null {
  const result = number(call, index);
  if (result !== null && !Number.isSafeInteger(result)) call.fail(`${result} is not a whole number`);
  return result;
}

/** A date from a DateTime value or a date text CDate can read. */
export function dateOf(call: Invocation, value: Scalar): Date | null {
  if (value === null || value instanceof Date) return value;
  const source = textOf(value) ?? '';
  const date = parseDateText(source);
  if (date === undefined) call.fail(`cannot read ${JSON.stringify(source)} as a date`);
  return date;
}

export function date(call: Invocation, index: number): Date | null {
  return dateOf(call, single(call, call.arg(index)));
}

/**
 * True/False of a condition: booleans, "True"/"False" in any case, numbers (non-zero is true). Null
 * stays null; anything else is undefined (not a condition).
 */
export function truthOf(value: Scalar): boolean | null | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  const numeric = numberOf(value);
  return numeric === undefined ? undefined : numeric !== 0;
}

/**
 * Applies a text transform to a single value or to each value of a multi-valued one (Entra's string
 * functions work per value, e.g. `ToLower([proxyAddresses])`). Absent stays null.
 */
export function eachText(
  call: Invocation,
  index: number,
  transform: (text: string) => ExpressionValue,
): ExpressionValue {
  const value = call.arg(index);
  if (isAbsent(value)) return null;
  if (isList(value)) return value.map((element) => transform(textOf(single(call, element)) ?? ''));
  return transform(textOf(value) ?? '');
}

/** Every value of an argument as a list: absent → [], a single value → [value]. */
export function valuesOf(value: ExpressionValue): readonly ExpressionValue[] {
  if (isAbsent(value)) return [];
  return isList(value) ? value : [value];
}
