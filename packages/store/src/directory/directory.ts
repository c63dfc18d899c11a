/** The directory's repositories over one context: the store's connection, or one transaction. */
import type { StoreContext } from '../store-context.js';
import { SqlApplicationRepository } from './applications.js';
import { SqlAssignmentRepository } from './assignments.js';
import type { DirectoryRepositories } from './contract.js';
import { SqlDirectoryGroupRepository } from './groups.js';
import { SqlDirectoryObjectRepository, USER_KIND } from './objects.js';
import { currentSequence } from './sequence.js';

export function createDirectoryRepositories(context: StoreContext): DirectoryRepositories {
  return {
    currentSequence: () => currentSequence(context.db),
    users: new SqlDirectoryObjectRepository(context, USER_KIND),
    groups: new SqlDirectoryGroupRepository(context),
    applications: new SqlApplicationRepository(context),
    assignments: new SqlAssignmentRepository(context),
  };
}
