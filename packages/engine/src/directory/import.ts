/**
 * Imports users, groups or assignments into the directory from parsed rows (`import-parse.ts`). Users
 * and groups are upserted by userPrincipalName / group displayName; assignments are added unless held.
 * Rows are written in batched transactions; a row that fails is reported (`{row, field?, message}`) and
 * the others still land. References that point further down the file (a manager, a member group) are
 * set in a second pass once every row is in.
 */
import { InvalidSyntax, isScimError } from '@provisio/scim-core';
import {
  DEFAULT_ACCESS_ROLE_ID,
  type DirectoryApplication,
  type DirectoryAttributes,
  type DirectoryObject,
  type Repositories,
  type Store,
} from '@provisio/store';
import {
  type DirectoryObjectKind,
  NAME_ATTRIBUTE,
  checkAttributes,
  isBooleanAttribute,
  isKnownAttribute,
  isMultiValued,
} from './attributes.js';
import type { ImportRow } from './import-parse.js';

export type ImportType = 'users' | 'groups' | 'assignments';

export const IMPORT_TYPES: readonly ImportType[] = ['users', 'groups', 'assignments'];

export interface ImportRowError {
  readonly row: number;
  readonly field?: string;
  readonly message: string;
}

export interface ImportProgress {
  /** Rows read and settled (written or refused) so far. */
  readonly processed: number;
  /** All rows, when known up front. */
  readonly total?: number;
}

export interface ImportReport {
  readonly type: ImportType;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows with at least one error (a user whose manager could not be set counts here and as written). */
  readonly failed: number;
  /** In row order. */
  readonly errors: readonly ImportRowError[];
}

export interface ImportOptions {
  readonly type: ImportType;
  /** Rows per transaction (default 500). */
  readonly batchSize?: number;
  /** The number of rows, when the caller knows it: passed on in progress reports. */
  readonly total?: number;
  /** Called after each batch commits. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Columns each type's CSV may have besides attributes. */
const EXTRA_COLUMNS: Readonly<Record<ImportType, readonly string[]>> = {
  users: ['objectId'],
  groups: ['objectId', 'members'],
  assignments: ['application', 'principal', 'role'],
};

/**
 * Refuses a CSV header naming a column the type does not have: a misspelt column would otherwise be
 * refused on every row, or worse, ignored.
 */
export function checkImportColumns(type: ImportType, header: readonly string[]): void {
  const kind = kindOf(type);
  const unknown = header.filter(
    (column) => !EXTRA_COLUMNS[type].includes(column) && !(kind && isKnownAttribute(kind, column)),
  );
  if (unknown.length > 0) {
    throw new InvalidSyntax(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} for ${type}`,
    );
  }
}

function kindOf(type: ImportType): DirectoryObjectKind | undefined {
  return type === 'users' ? 'user' : type === 'groups' ? 'group' : undefined;
}

/** A row refused for a reason found while resolving it, naming the field at fault. */
class RowRefusal extends Error {
  constructor(
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function isRowError(error: unknown): error is Error {
  return error instanceof RowRefusal || (isScimError(error) && error.expose);
}

type Outcome = 'created' | 'updated' | 'unchanged';

/** A reference left for the second pass: the object is written, the reference is set once all rows are. */
interface Deferred {
  readonly row: number;
  readonly objectId: string;
  readonly field: string;
  readonly tokens: readonly string[];
}

interface Applied {
  readonly outcome: Outcome;
  readonly deferred?: Deferred;
}

/** One row ready to write: values converted and checked. */
interface ReadyRow {
  readonly row: number;
  readonly values: Readonly<Record<string, unknown>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list cell: `a;b;c` in CSV, or a JSON array. */
function listOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return undefined;
  return value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** CSV cells are text: `''` is no value, `true`/`false` booleans, `;` separates a list's items. */
function attributeValue(field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value === '') return null;
  if (isBooleanAttribute(field) && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (isMultiValued(field)) return listOf(value);
  return value;
}

/** Finds users and groups named in a file, by objectId, userPrincipalName or group displayName. */
class Resolver {
  constructor(private readonly tx: Repositories) {}

  /** {@link find} for each token, in order. */
  async findAll(tokens: readonly string[]): Promise<(string | undefined)[]> {
    const ids: (string | undefined)[] = [];
    for (const token of tokens) ids.push(await this.find(token, true));
    return ids;
  }

  /** A live object's id, or undefined. `activeOnly` for members and principals, which must be active. */
  async find(token: string, activeOnly: boolean): Promise<string | undefined> {
    const { users, groups } = this.tx.directory;
    const candidates = UUID.test(token)
      ? [await users.get(token).catch(absent), await groups.get(token).catch(absent)]
      : [await users.findByName(token), await groups.findByName(token)];
    const usable = (object: DirectoryObject | undefined) =>
      object !== undefined &&
      (activeOnly ? object.lifecycle === 'active' : object.lifecycle !== 'hardDeleted');
    return candidates.find(usable)?.objectId;
  }

  async user(token: string): Promise<string | undefined> {
    const { users } = this.tx.directory;
    const user = UUID.test(token) ? await users.get(token).catch(absent) : await users.findByName(token);
    return user && user.lifecycle !== 'hardDeleted' ? user.objectId : undefined;
  }
}

/** `NotFound` from a lookup by id means "not there": anything else is a real failure. */
function absent(error: unknown): undefined {
  if (isScimError(error) && error.status === 404) return undefined;
  throw error;
}

/** Sets a group's direct members to exactly `memberIds`. */
async function setMembers(tx: Repositories, groupId: string, memberIds: readonly string[]): Promise<boolean> {
  const current = new Set<string>();
  let after: string | undefined;
  do {
    const page = await tx.directory.groups.listMembers(groupId, after === undefined ? {} : { after });
    for (const member of page.items) current.add(member.objectId);
    after = page.next;
  } while (after !== undefined);
  const wanted = new Set(memberIds);
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  if (added.length > 0) await tx.directory.groups.addMembers(groupId, added);
  if (removed.length > 0) await tx.directory.groups.removeMembers(groupId, removed);
  return added.length + removed.length > 0;
}

class Importer {
  readonly #errors: ImportRowError[] = [];
  readonly #failedRows = new Set<number>();
  readonly #deferred: Deferred[] = [];
  readonly #counts = { created: 0, updated: 0, unchanged: 0 };
  #rows = 0;
  #applications: DirectoryApplication[] | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: ImportOptions,
  ) {}

  async run(rows: AsyncIterable<ImportRow> | Iterable<ImportRow>): Promise<ImportReport> {
    const batchSize = this.options.batchSize ?? 500;
    let batch: ReadyRow[] = [];
    for await (const parsed of rows) {
      this.#rows += 1;
      if ('error' in parsed) this.#fail(parsed.row, undefined, parsed.error);
      else {
        const ready = this.#prepare(parsed.row, parsed.values);
        if (ready) batch.push(ready);
      }
      if (batch.length >= batchSize) {
        await this.#write(batch);
        batch = [];
      }
    }
    await this.#write(batch);
    await this.#resolveDeferred();
    const errors = [...this.#errors].sort((a, b) => a.row - b.row);
    return {
      type: this.options.type,
      rows: this.#rows,
      ...this.#counts,
      failed: this.#failedRows.size,
      errors,
    };
  }

  #fail(row: number, field: string | undefined, message: string): void {
    this.#errors.push({ row, ...(field === undefined ? {} : { field }), message });
    this.#failedRows.add(row);
  }

  /** Converts and checks a row's values; undefined (and the row reported) when they cannot be written. */
  #prepare(row: number, values: Readonly<Record<string, unknown>>): ReadyRow | undefined {
    const kind = kindOf(this.options.type);
    if (!kind) return { row, values };
    const { objectId, members, ...rest } = values;
    const attributes = Object.fromEntries(
      Object.entries(rest).map(([field, value]) => [field, attributeValue(field, value)]),
    );
    const problems = checkAttributes(kind, attributes);
    if (objectId !== undefined && objectId !== '' && (typeof objectId !== 'string' || !UUID.test(objectId))) {
      problems.push({ field: 'objectId', message: '"objectId" must be a UUID' });
    }
    if (kind === 'user' && members !== undefined) {
      problems.push({ field: 'members', message: '"members" is not a user attribute' });
    }
    const name = attributes[NAME_ATTRIBUTE[kind]];
    if (typeof name !== 'string' || name.trim() === '') {
      problems.push({ field: NAME_ATTRIBUTE[kind], message: `"${NAME_ATTRIBUTE[kind]}" is required` });
    }
    for (const problem of problems) this.#fail(row, problem.field, problem.message);
    if (problems.length > 0) return undefined;
    return { row, values: { ...attributes, objectId, ...(kind === 'group' ? { members } : {}) } };
  }

  /** Writes a batch of rows and reports progress. */
  async #write(batch: readonly ReadyRow[]): Promise<void> {
    await this.#inTransactions(batch, (tx, item) => this.#apply(tx, item));
    this.options.onProgress?.({
      processed: this.#rows,
      ...(this.options.total === undefined ? {} : { total: this.options.total }),
    });
  }

  /**
   * One transaction for all `items`; if a row fails in it, each row again in its own, so only the failing
   * ones are lost. Results are counted once committed.
   */
  async #inTransactions<T extends { readonly row: number }>(
    items: readonly T[],
    apply: (tx: Repositories, item: T) => Promise<Applied | undefined>,
  ): Promise<void> {
    if (items.length === 0) return;
    try {
      const applied = await this.store.transaction(async (tx) => {
        const results: (Applied | undefined)[] = [];
        for (const item of items) results.push(await apply(tx, item));
        return results;
      });
      for (const result of applied) this.#record(result);
    } catch (error) {
      if (!isRowError(error)) throw error;
      for (const item of items) {
        try {
          this.#record(await this.store.transaction((tx) => apply(tx, item)));
        } catch (rowError) {
          if (!isRowError(rowError)) throw rowError;
          this.#fail(item.row, rowError instanceof RowRefusal ? rowError.field : undefined, rowError.message);
        }
      }
    }
  }

  #record(applied: Applied | undefined): void {
    if (!applied) return;
    this.#counts[applied.outcome] += 1;
    if (applied.deferred) this.#deferred.push(applied.deferred);
  }

  #apply(tx: Repositories, item: ReadyRow): Promise<Applied> {
    if (this.options.type === 'users') return this.#applyUser(tx, item);
    if (this.options.type === 'groups') return this.#applyGroup(tx, item);
    return this.#applyAssignment(tx, item);
  }

  async #applyUser(tx: Repositories, { row, values }: ReadyRow): Promise<Applied> {
    const { objectId, manager, ...attributes } = values;
    const changes: Record<string, unknown> = { ...attributes };
    let deferred: Deferred | undefined;
    if (manager === null) changes.manager = null;
    if (typeof manager === 'string') {
      const managerId = await new Resolver(tx).user(manager);
      if (managerId === undefined) deferred = { row, objectId: '', field: 'manager', tokens: [manager] };
      else changes.manager = managerId;
    }
    const { outcome, object } = await this.#upsert(tx, 'users', changes, objectId);
    return { outcome, ...(deferred ? { deferred: { ...deferred, objectId: object.objectId } } : {}) };
  }

  async #applyGroup(tx: Repositories, { row, values }: ReadyRow): Promise<Applied> {
    const { objectId, members, ...attributes } = values;
    const upserted = await this.#upsert(tx, 'groups', attributes, objectId);
    const tokens = listOf(members);
    if (tokens === undefined) return { outcome: upserted.outcome };
    const ids = await new Resolver(tx).findAll(tokens);
    if (ids.includes(undefined)) {
      return {
        outcome: upserted.outcome,
        deferred: { row, objectId: upserted.object.objectId, field: 'members', tokens },
      };
    }
    const changed = await setMembers(tx, upserted.object.objectId, ids as string[]);
    return { outcome: upserted.outcome === 'unchanged' && changed ? 'updated' : upserted.outcome };
  }

  async #applyAssignment(tx: Repositories, { values }: ReadyRow): Promise<Applied> {
    const text = (field: string) => {
      const value = values[field];
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value !== 'string') throw new RowRefusal(field, `"${field}" must be a string`);
      return value;
    };
    const applicationName = text('application');
    const principal = text('principal');
    if (applicationName === undefined) throw new RowRefusal('application', '"application" is required');
    if (principal === undefined) throw new RowRefusal('principal', '"principal" is required');
    for (const field of Object.keys(values)) {
      if (!EXTRA_COLUMNS.assignments.includes(field))
        throw new RowRefusal(field, `"${field}" is not an assignment field`);
    }
    this.#applications ??= [...(await tx.directory.applications.list())];
    const application = this.#applications.find(
      (app) => app.id === applicationName || app.name.toLowerCase() === applicationName.toLowerCase(),
    );
    if (!application) throw new RowRefusal('application', `there is no application "${applicationName}"`);
    const roleName = text('role');
    const role =
      roleName === undefined
        ? application.appRoles.find((r) => r.id === DEFAULT_ACCESS_ROLE_ID)
        : application.appRoles.find((r) => r.value === roleName || r.id === roleName);
    if (!role)
      throw new RowRefusal('role', `application "${application.name}" has no app role "${roleName}"`);
    const principalId = await new Resolver(tx).find(principal, true);
    if (!principalId) throw new RowRefusal('principal', `no active user or group is "${principal}"`);
    const held = await tx.directory.assignments.list({ applicationId: application.id, principalId });
    if (held.some((assignment) => assignment.appRoleId === role.id)) return { outcome: 'unchanged' };
    await tx.directory.assignments.add({ applicationId: application.id, appRoleId: role.id, principalId });
    return { outcome: 'created' };
  }

  /** Creates the object, or updates the one with the same name. */
  async #upsert(
    tx: Repositories,
    type: 'users' | 'groups',
    attributes: Record<string, unknown>,
    objectId: unknown,
  ): Promise<{ outcome: Outcome; object: DirectoryObject }> {
    const repository = tx.directory[type];
    const kind = type === 'users' ? 'user' : 'group';
    const given = typeof objectId === 'string' && objectId !== '' ? objectId.toLowerCase() : undefined;
    const existing = await repository.findByName(attributes[NAME_ATTRIBUTE[kind]] as string);
    if (!existing) {
      const present = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
      const object = await repository.create(
        present as DirectoryAttributes,
        given ? { objectId: given } : {},
      );
      return { outcome: 'created', object };
    }
    if (given !== undefined && given !== existing.objectId) {
      throw new RowRefusal(
        'objectId',
        `the ${kind} "${attributes[NAME_ATTRIBUTE[kind]]}" has objectId ${existing.objectId}`,
      );
    }
    const object = await repository.update(existing.objectId, attributes as DirectoryAttributes);
    return { outcome: object.changeSequence === existing.changeSequence ? 'unchanged' : 'updated', object };
  }

  /** The second pass: references to rows further down the file; failures name the row and field. */
  async #resolveDeferred(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    for (let start = 0; start < this.#deferred.length; start += batchSize) {
      await this.#inTransactions(this.#deferred.slice(start, start + batchSize), async (tx, item) => {
        const resolver = new Resolver(tx);
        if (item.field === 'manager') {
          const managerId = await resolver.user(item.tokens[0]!);
          if (!managerId) {
            throw new RowRefusal(
              'manager',
              `no user is "${item.tokens[0]}"; the user was imported without a manager`,
            );
          }
          await tx.directory.users.update(item.objectId, { manager: managerId });
          return undefined;
        }
        const ids = await resolver.findAll(item.tokens);
        const missing = item.tokens.filter((_, i) => ids[i] === undefined);
        if (missing.length > 0) {
          throw new RowRefusal(
            'members',
            `no active user or group is ${missing.map((m) => `"${m}"`).join(', ')}; the members were left as they were`,
          );
        }
        await setMembers(tx, item.objectId, ids as string[]);
        return undefined;
      });
    }
  }
}

/**
 * Imports parsed rows of one type into the store's directory and reports what happened to each. Throws
 * only for faults that are not a row's (the database going away); row problems are in the report.
 */
export function importDirectory(
  store: Store,
  rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
  options: ImportOptions,
): Promise<ImportReport> {
  return new Importer(store, options).run(rows);
}
