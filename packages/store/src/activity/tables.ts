/** The activity log's table (migration 0005), declared beside its repository. */
export interface ActivityLogTable {
  id: string;
  tenant_id: string;
  /** When the request arrived, ISO 8601. */
  time: string;
  /** The bearer token's id, or the OAuth client's for an access token. */
  token_id: string | null;
  method: string;
  /** The request path without its query string. */
  path: string;
  resource_id: string | null;
  status: number;
  scim_type: string | null;
  duration_ms: number;
  client_ip: string | null;
}

export interface ActivityTables {
  activity_log: ActivityLogTable;
}
