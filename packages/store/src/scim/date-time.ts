/** RFC 7643 §2.3.5 dateTime literals, normalised so they compare as stored timestamps do. */
import { InvalidFilter } from '@provisio/scim-core';

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Parses an xsd:dateTime and prints it as `Date.toISOString()` does. A value without a zone is taken as
 * UTC, as SQLite's date functions take it, so both sides of a comparison agree.
 */
export function normalizeDateTime(text: string): string {
  const time = XSD_DATE_TIME.test(text) ? Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidFilter(`"${text}" is not an xsd:dateTime (RFC 7643 §2.3.5)`);
  return new Date(time).toISOString();
}
