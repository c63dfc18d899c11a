/**
 * The built-in {@link DirectorySource}: Provisio's own directory tables. Users and groups stream page by
 * page (keyset on objectId), so a cycle over 100,000 users holds one page at a time.
 */
import type {
  DirectoryApplication,
  DirectoryAssignment,
  DirectoryObject,
  DirectoryRepositories,
} from '@provisio/store';
import type {
  AppRoleAssignment,
  Application,
  DirectoryGroup,
  DirectorySource,
  DirectoryUser,
} from './model.js';

export interface StoreDirectorySourceOptions {
  /** Users per page read (default 1000, the store's maximum). */
  readonly userPageSize?: number;
  /**
   * Groups per page read (default 100): each group comes with all its member ids, and a group can have
   * 100,000 members.
   */
  readonly groupPageSize?: number;
}

function toUser(user: DirectoryObject): DirectoryUser {
  return {
    objectId: user.objectId,
    attributes: user.attributes,
    lifecycle: user.lifecycle,
    changeSequence: user.changeSequence,
  };
}

function toApplication(application: DirectoryApplication): Application {
  return {
    id: application.id,
    name: application.name,
    appRoles: application.appRoles.map(({ id, value, displayName, isDefaultAccess }) => ({
      id,
      value,
      displayName,
      isDefaultAccess,
    })),
  };
}

function toAssignment(assignment: DirectoryAssignment): AppRoleAssignment {
  const { id, applicationId, principalId, principalType, appRoleId, changeSequence, removed } = assignment;
  return {
    id,
    applicationId,
    principalId,
    principalType,
    appRoleId,
    changeSequence,
    ...(removed ? { removed: true } : {}),
  };
}

export class StoreDirectorySource implements DirectorySource {
  readonly #userPageSize: number;
  readonly #groupPageSize: number;

  constructor(
    private readonly directory: DirectoryRepositories,
    options: StoreDirectorySourceOptions = {},
  ) {
    this.#userPageSize = options.userPageSize ?? 1000;
    this.#groupPageSize = options.groupPageSize ?? 100;
  }

  currentSequence(): Promise<number> {
    return this.directory.currentSequence();
  }

  async *users(options: { readonly changedAfter?: number } = {}): AsyncIterable<DirectoryUser> {
    let after: string | undefined;
    do {
      const page = await this.directory.users.list({
        ...options,
        limit: this.#userPageSize,
        ...(after ? { after } : {}),
      });
      yield* page.items.map(toUser);
      after = page.next;
    } while (after !== undefined);
  }

  async *groups(options: { readonly changedAfter?: number } = {}): AsyncIterable<DirectoryGroup> {
    let after: string | undefined;
    do {
      const page = await this.directory.groups.list({
        ...options,
        limit: this.#groupPageSize,
        ...(after ? { after } : {}),
      });
      const members = await this.directory.groups.membersOf(page.items.map((group) => group.objectId));
      for (const group of page.items) {
        yield {
          objectId: group.objectId,
          attributes: group.attributes,
          members: members.get(group.objectId) ?? [],
          lifecycle: group.lifecycle,
          changeSequence: group.changeSequence,
        };
      }
      after = page.next;
    } while (after !== undefined);
  }

  async application(applicationId: string): Promise<Application> {
    return toApplication(await this.directory.applications.get(applicationId));
  }

  async assignments(
    applicationId: string,
    options: { readonly changedAfter?: number } = {},
  ): Promise<readonly AppRoleAssignment[]> {
    return (await this.directory.assignments.list({ applicationId, ...options })).map(toAssignment);
  }
}
