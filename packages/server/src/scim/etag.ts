/**
 * Weak ETags from resource versions (RFC 7644 §3.14, RFC 9110 §8.8.3): `W/"<version>"` in the `ETag`
 * header and in `meta.version`, checked by `If-Match` on writes and `If-None-Match` on reads.
 */
import { PreconditionFailed } from '@provisio/scim-core';

/** A parsed `If-Match` (or bulk `version`): any current representation, or one of these versions. */
export type EntityTagCondition = { readonly any: true } | { readonly versions: readonly number[] };

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

// One entity tag: optional weakness prefix, then a quoted (or, leniently, bare) opaque value.
const ENTITY_TAG = /^(?:W\/)?"?([^"]*)"?$/i;

/**
 * Parses an `If-Match`/`If-None-Match` value. Comparison is weak (RFC 9110 §8.8.3.2): `W/"3"` and `"3"`
 * both name version 3. Tags that name no version of ours are kept out of the list, so they never match.
 */
export function parseEntityTags(header: string | undefined): EntityTagCondition | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return { any: true };
  const versions = header.split(',').flatMap((tag) => {
    const opaque = ENTITY_TAG.exec(tag.trim())?.[1];
    return opaque !== undefined && /^\d+$/.test(opaque) ? [Number(opaque)] : [];
  });
  return { versions };
}

export function matchesVersion(condition: EntityTagCondition, version: number): boolean {
  return 'any' in condition || condition.versions.includes(version);
}

/** RFC 7644 §3.14: a write whose `If-Match` names another version fails with 412. */
export function checkIfMatch(condition: EntityTagCondition | undefined, version: number): void {
  if (condition === undefined || matchesVersion(condition, version)) return;
  throw new PreconditionFailed(`the resource is at version ${etagOf(version)}, which If-Match does not name`);
}
