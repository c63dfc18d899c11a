/**
 * The `attributes` and `excludedAttributes` parameters (RFC 7644 §3.4.2.5, §3.9): lists of attribute names
 * in RFC 7644 §3.10 notation, comma-separated in a URL and a JSON array in a `/.search` body.
 */
import { InvalidValue } from '../errors.js';
import { type AttributePath, parseAttributePath } from '../path/attribute-path.js';

/**
 * Parses an `attributes`/`excludedAttributes` value into paths. Accepts the URL form (`"userName,name"`),
 * the body form (`["userName", "name"]`) or a repeated query parameter; entries are trimmed and blank
 * entries skipped. A malformed name is a 400 `invalidValue`, the only RFC 7644 Table 9 keyword that
 * applies to a GET query parameter.
 *
 * @example parseAttributeList('userName, name.givenName') // [{attribute:'userName'}, {attribute:'name', subAttribute:'givenName'}]
 */
export function parseAttributeList(param: string | readonly string[] | undefined): AttributePath[] {
  if (param === undefined) return [];
  const entries = typeof param === 'string' ? [param] : param;
  return entries
    .flatMap((entry) => entry.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => parseAttributePath(name, InvalidValue));
}
