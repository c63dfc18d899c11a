export {
  type AttributeProblem,
  checkAttributes,
  type DirectoryObjectKind,
  NAME_ATTRIBUTE,
} from './directory/attributes.js';
export {
  checkImportColumns,
  IMPORT_TYPES,
  importDirectory,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type ImportRowError,
  type ImportType,
} from './directory/import.js';
export { type ImportFormat, type ImportRow, parseCsv, parseJson } from './directory/import-parse.js';
export * from './directory/model.js';
export { StoreDirectorySource, type StoreDirectorySourceOptions } from './directory/store-source.js';
export * from './expressions/index.js';
export * from './mappings/attribute-mapping.js';
export * from './mappings/compile.js';
export * from './mappings/defaults.js';
export * from './mappings/target-app.js';
export * from './mappings/target-path.js';
export * from './mappings/target-schemas.js';
export * from './matching/matching.js';
export type * from './planner/action.js';
export * from './planner/plan.js';
export * from './planner/requests.js';
export * from './scoping/scope.js';
export * from './scoping/scoping-filter.js';
