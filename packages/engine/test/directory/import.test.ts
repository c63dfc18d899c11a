// Directory imports from real CSV, JSON and JSON-lines files into a real store of each dialect: upserts,
// forward references, per-row errors that leave good rows in, batches, progress.
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  type ImportProgress,
  type ImportReport,
  type ImportType,
  checkImportColumns,
  importDirectory,
  parseCsv,
  parseJson,
} from '@provisio/engine';
import { InvalidSyntax } from '@provisio/scim-core';
import { DEFAULT_ACCESS_ROLE_ID, type Store } from '@provisio/store';
import { type Lifetime, forEachDialect, openTempStore, tempDirectory } from '../support/temp-store.js';

/** Writes `text` to a file and imports it as a user would: CSV streamed from disk, JSON read whole. */
async function importFile(
  t: Lifetime,
  store: Store,
  type: ImportType,
  name: string,
  text: string,
  options: { batchSize?: number; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportReport> {
  const file = join(await tempDirectory(t), name);
  await writeFile(file, text);
  const rows = name.endsWith('.csv')
    ? parseCsv(createReadStream(file), (header) => checkImportColumns(type, header))
    : parseJson(await readFile(file, 'utf8'));
  return importDirectory(store, rows, { type, ...options });
}

const USERS_CSV = `userPrincipalName,displayName,department,accountEnabled,manager,otherMails
alice@contoso.com,Alice,Sales,true,carol@contoso.com,alice@home.org;a@x.org
bob@contoso.com,Bob,Sales,FALSE,alice@contoso.com,
carol@contoso.com,Carol,Board,true,,
`;

forEachDialect((dialect) => {
  describe('users', () => {
    test('CSV: creates users, resolves managers further down the file, converts booleans and lists', async (t) => {
      const store = await openTempStore(t, dialect);
      const progress: ImportProgress[] = [];
      const report = await importFile(t, store, 'users', 'users.csv', USERS_CSV, {
        batchSize: 2,
        onProgress: (p) => progress.push(p),
      });
      assert.deepEqual(report, {
        type: 'users',
        rows: 3,
        created: 3,
        updated: 0,
        unchanged: 0,
        failed: 0,
        errors: [],
      });
      assert.deepEqual(progress, [{ processed: 2 }, { processed: 3 }]);
      const users = store.directory.users;
      const [alice, bob, carol] = await Promise.all(
        ['alice', 'bob', 'carol'].map(async (name) => (await users.findByName(`${name}@contoso.com`))!),
      );
      assert.deepEqual(alice!.attributes, {
        userPrincipalName: 'alice@contoso.com',
        displayName: 'Alice',
        department: 'Sales',
        accountEnabled: true,
        otherMails: ['alice@home.org', 'a@x.org'],
        manager: carol!.objectId,
      });
      assert.equal(bob!.attributes.accountEnabled, false);
      assert.equal(bob!.attributes.manager, alice!.objectId);
      assert.equal(carol!.attributes.manager, undefined);
    });

    test('importing again updates what changed, leaves the rest alone, and an empty cell clears', async (t) => {
      const store = await openTempStore(t, dialect);
      await importFile(t, store, 'users', 'users.csv', USERS_CSV);
      const before = await store.directory.currentSequence();
      const report = await importFile(
        t,
        store,
        'users',
        'again.csv',
        'userPrincipalName,department\nALICE@contoso.com,Marketing\nbob@contoso.com,Sales\ncarol@contoso.com,\n',
      );
      assert.deepEqual([report.created, report.updated, report.unchanged, report.failed], [0, 2, 1, 0]);
      assert.equal(await store.directory.currentSequence(), before + 2);
      const alice = await store.directory.users.findByName('alice@contoso.com');
      assert.equal(alice?.attributes.department, 'Marketing');
      assert.equal(alice?.attributes.displayName, 'Alice', 'columns not in the file are kept');
      const carol = await store.directory.users.findByName('carol@contoso.com');
      assert.equal(carol?.attributes.department, undefined);
    });

    test('bad rows are reported with their row and field; the good rows land', async (t) => {
      const store = await openTempStore(t, dialect);
      const taken = (await store.directory.users.create({ userPrincipalName: 'taken@contoso.com' })).objectId;
      const csv = [
        'userPrincipalName,objectId,accountEnabled,manager',
        'good1@contoso.com,,true,',
        ',,true,', // no UPN
        'bad-bool@contoso.com,,maybe,',
        'good2@contoso.com,,false,good1@contoso.com',
        'bad-id@contoso.com,not-a-uuid,true,',
        `clash@contoso.com,${taken},true,`, // objectId in use: fails when written, inside a batch
        'no-boss@contoso.com,,true,nobody@contoso.com',
        'short@contoso.com,,true',
        'good3@contoso.com,,true,',
      ].join('\n');
      const report = await importFile(t, store, 'users', 'mixed.csv', csv, { batchSize: 4 });
      assert.deepEqual(
        report.errors.map((e) => [e.row, e.field]),
        [
          [2, 'userPrincipalName'],
          [3, 'accountEnabled'],
          [5, 'objectId'],
          [6, undefined],
          [7, 'manager'],
          [8, undefined],
        ],
      );
      assert.match(report.errors[4]!.message, /nobody@contoso\.com/);
      assert.match(report.errors[5]!.message, /3 fields; the header has 4/);
      assert.deepEqual([report.rows, report.created, report.failed], [9, 4, 6]);
      for (const name of ['good1', 'good2', 'good3', 'no-boss']) {
        assert.ok(await store.directory.users.findByName(`${name}@contoso.com`), name);
      }
      assert.equal(await store.directory.users.findByName('clash@contoso.com'), undefined);
    });

    test('a CSV header with an unknown column refuses the whole file before any write', async (t) => {
      const store = await openTempStore(t, dialect);
      await assert.rejects(
        importFile(t, store, 'users', 'typo.csv', 'userPrincipalName,jobTitel\na@contoso.com,x\n'),
        (error: Error) => error instanceof InvalidSyntax && /jobTitel/.test(error.message),
      );
      assert.equal(await store.directory.currentSequence(), 0);
    });

    test('JSON array and JSON lines: typed values, extension attributes, per-row JSON errors', async (t) => {
      const store = await openTempStore(t, dialect);
      const extension = 'extension_0123456789abcdef0123456789abcdef_costCenter';
      const array = await importFile(
        t,
        store,
        'users',
        'users.json',
        JSON.stringify([
          { userPrincipalName: 'a@contoso.com', accountEnabled: false, [extension]: 42 },
          'not an object',
          { userPrincipalName: 'b@contoso.com', proxyAddresses: ['SMTP:b@contoso.com'], shoeSize: 44 },
        ]),
      );
      assert.deepEqual(
        array.errors.map((e) => [e.row, e.field]),
        [
          [2, undefined],
          [3, 'shoeSize'],
        ],
      );
      assert.equal((await store.directory.users.findByName('a@contoso.com'))?.attributes[extension], 42);
      const lines = await importFile(
        t,
        store,
        'users',
        'users.jsonl',
        '{"userPrincipalName":"c@contoso.com","manager":"a@contoso.com"}\n{broken\n\n{"userPrincipalName":"a@contoso.com","accountEnabled":"true"}\n',
      );
      assert.deepEqual([lines.rows, lines.created, lines.updated, lines.errors[0]?.row], [3, 1, 1, 2]);
      assert.equal(
        (await store.directory.users.findByName('a@contoso.com'))?.attributes.accountEnabled,
        true,
      );
      await assert.rejects(importFile(t, store, 'users', 'bad.json', '[{"a":'), InvalidSyntax);
    });
  });

  describe('groups and assignments', () => {
    async function seedUsers(t: Lifetime, store: Store) {
      await importFile(t, store, 'users', 'users.csv', USERS_CSV);
      return (name: string) =>
        store.directory.users.findByName(`${name}@contoso.com`).then((u) => u!.objectId);
    }

    test('groups: members by UPN, objectId or group name (also further down), then set exactly', async (t) => {
      const store = await openTempStore(t, dialect);
      const idOf = await seedUsers(t, store);
      const carol = await idOf('carol');
      const csv = [
        'displayName,description,members',
        `All,everyone,"alice@contoso.com;${carol.toUpperCase()};Board"`,
        'Board,,carol@contoso.com',
        'Nobody,,',
      ].join('\n');
      const report = await importFile(t, store, 'groups', 'groups.csv', csv);
      assert.deepEqual([report.created, report.failed], [3, 0]);
      const groups = store.directory.groups;
      const all = (await groups.findByName('all'))!;
      const board = (await groups.findByName('board'))!;
      const memberIdsOf = async (ids: string[]) =>
        new Map(
          [...(await groups.membersOf(ids))].map(([id, members]) => [id, members.map((m) => m.objectId)]),
        );
      const members = await memberIdsOf([all.objectId, board.objectId]);
      assert.deepEqual(members.get(all.objectId), [await idOf('alice'), carol, board.objectId].sort());
      assert.deepEqual(members.get(board.objectId), [carol]);
      const again = await importFile(
        t,
        store,
        'groups',
        'again.csv',
        'displayName,members\nAll,bob@contoso.com\nBoard,ghost@contoso.com\n',
      );
      assert.deepEqual((await memberIdsOf([all.objectId])).get(all.objectId), [await idOf('bob')]);
      assert.deepEqual([again.updated, again.errors.map((e) => [e.row, e.field])], [1, [[2, 'members']]]);
      assert.deepEqual((await memberIdsOf([board.objectId])).get(board.objectId), [carol], 'left as it was');
    });

    test('assignments: by application name, role value or Default Access; held ones are unchanged', async (t) => {
      const store = await openTempStore(t, dialect);
      await seedUsers(t, store);
      await store.directory.groups.create({ displayName: 'Sales' });
      const app = await store.directory.applications.create({
        name: 'Proware',
        appRoles: [{ value: 'Admin' }],
      });
      const csv = [
        'application,principal,role',
        'proware,alice@contoso.com,',
        'Proware,Sales,Admin',
        'Proware,bob@contoso.com,Owner',
        'Nope,bob@contoso.com,',
        'Proware,ghost@contoso.com,',
        'Proware,alice@contoso.com,',
      ].join('\n');
      const report = await importFile(t, store, 'assignments', 'assignments.csv', csv);
      assert.deepEqual(
        [report.created, report.unchanged, report.errors.map((e) => [e.row, e.field])],
        [
          2,
          1,
          [
            [3, 'role'],
            [4, 'application'],
            [5, 'principal'],
          ],
        ],
      );
      const held = await store.directory.assignments.list({ applicationId: app.id });
      assert.deepEqual(held.map((a) => [a.principalType, a.appRoleId === DEFAULT_ACCESS_ROLE_ID]).sort(), [
        ['Group', false],
        ['User', true],
      ]);
    });
  });
});
