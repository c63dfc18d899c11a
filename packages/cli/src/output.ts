/** Human output: aligned tables and labelled lines. `--json` bypasses all of this. */
import type { IssuedToken, RotatedToken, Schema, Tenant, Token } from './views.js';

/** Left-aligned columns separated by two spaces; empty cells print as `-`. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => cell || '-'))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatTenant(tenant: Tenant): string {
  const state =
    tenant.deletedAt === undefined
      ? `provisioning ${tenant.provisioningEnabled ? 'enabled' : 'disabled'}`
      : `deleted at ${tenant.deletedAt}`;
  return [
    `Tenant ${tenant.slug} (${tenant.name}): ${state}`,
    `Tenant URL:           ${tenant.tenantUrls.byToken}`,
    `Tenant URL (by slug): ${tenant.tenantUrls.bySlug}`,
  ].join('\n');
}

export function formatTenants(tenants: readonly Tenant[]): string {
  return formatTable(
    ['SLUG', 'NAME', 'PROVISIONING', 'CREATED'],
    tenants.map((t) => [t.slug, t.name, t.provisioningEnabled ? 'enabled' : 'disabled', t.createdAt]),
  );
}

export function formatTokens(tokens: readonly Token[]): string {
  return formatTable(
    ['ID', 'PREFIX', 'SCOPE', 'STATUS', 'CREATED', 'LAST USED', 'LAST CLIENT IP', 'EXPIRES', 'DESCRIPTION'],
    tokens.map((t) => [
      t.id,
      t.prefix,
      t.scope,
      t.status,
      t.createdAt,
      t.lastUsedAt ?? '',
      t.lastClientIp ?? '',
      t.expiresAt ?? '',
      t.description,
    ]),
  );
}

export function formatIssuedToken(token: IssuedToken): string {
  return [
    `Token ${token.id} (${token.prefix}…, scope ${token.scope}${token.expiresAt ? `, expires ${token.expiresAt}` : ''})`,
    `Secret Token: ${token.secret}`,
    'Copy it now: it is shown only this once.',
  ].join('\n');
}

export function formatRotatedToken(token: RotatedToken): string {
  const ends = token.replaced.expiresAt ?? 'now';
  return [formatIssuedToken(token), `The old token ${token.replaced.id} stops working at ${ends}.`].join(
    '\n',
  );
}

export function formatSchemas(schemas: readonly Schema[]): string {
  return formatTable(
    ['ID', 'RESOURCE TYPE', 'REQUIRED', 'ATTRIBUTES', 'CREATED'],
    schemas.map((s) => [
      s.id,
      s.resourceType,
      s.required ? 'yes' : 'no',
      s.attributes.map((a) => a.name).join(', '),
      s.createdAt,
    ]),
  );
}
