/** Building blocks of the admin API's JSON schemas, which fastify validates requests and writes answers by. */
export const STRING = { type: 'string' } as const;
export const DATE_TIME = { type: 'string', format: 'date-time' } as const;
export const INTEGER = { type: 'integer' } as const;
export const BOOLEAN = { type: 'boolean' } as const;

interface ObjectSchema {
  readonly type: 'object';
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * `schema` with `added` as further required properties: the answer that creates a credential is its
 * view plus what that answer alone shows (the secret).
 */
export function withRequired<S extends ObjectSchema, A extends Readonly<Record<string, unknown>>>(
  schema: S,
  added: A,
) {
  return {
    ...schema,
    required: [...schema.required, ...Object.keys(added)],
    properties: { ...schema.properties, ...added },
  };
}
