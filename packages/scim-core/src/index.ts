export * from './errors.js';
export type * from './filter/nodes.js';
export * from './path/attribute-path.js';
export * from './schema/definitions.js';
export * from './schema/registry.js';
export * from './schema/standard.js';
