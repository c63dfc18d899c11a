/**
 * Engine micro-benchmark (issue 7): the default mappings (A7) evaluated over 100,000 directory users, and one
 * planned cycle over 100,000 linked users of which 1 % changed (target: under 5 s). Pure CPU, one thread.
 */
import {
  type DirectoryUser,
  type LinkEntry,
  type PlanItem,
  compileTargetApp,
  evaluateMappings,
  newTargetApp,
  planCycle,
  queriesFor,
} from '@provisio/engine';

const USERS = 100_000;

function directoryUser(i: number, surname = `Surname${i}`): DirectoryUser {
  return {
    objectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    attributes: {
      userPrincipalName: `user${i}@contoso.com`,
      mailNickname: `user${i}`,
      mail: `user${i}@contoso.com`,
      displayName: `Given${i} ${surname}`,
      givenName: `Given${i}`,
      surname,
      jobTitle: 'Engineer',
      department: `Dept${i % 50}`,
      employeeId: String(i),
      city: 'Oslo',
      country: 'NO',
      telephoneNumber: '+47 2222 2222',
      accountEnabled: true,
    },
    lifecycle: 'active',
    changeSequence: i,
  };
}

function time<T>(fn: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = fn();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export function runEngineBench(): { table: string; data: unknown } {
  const app = compileTargetApp(newTargetApp());
  const users = Array.from({ length: USERS }, (_, i) => directoryUser(i));
  const scope = { inScope: true, detail: 'assigned' } as const;

  const evaluation = time(() => {
    let values = 0;
    for (const u of users) {
      values += evaluateMappings(
        app.users,
        { objectId: u.objectId, attributes: u.attributes, isSoftDeleted: false },
        'create',
      ).values.size;
    }
    return values;
  });

  // Every matching query of the seeding pass finds nothing, so every user is created.
  const emptyLookups = (object: DirectoryUser) =>
    queriesFor('user', { object, scope }, app).map((q) => ({ filter: q.filter, resources: [] }));
  // The link table as a previous cycle left it: what each user's create exported.
  const links = new Map<string, LinkEntry>();
  const seeded = planCycle({
    app,
    users: users.map((object) => ({ object, scope, lookups: emptyLookups(object) })),
    groups: [],
    links: { users: links, groups: new Map() },
  });
  for (const [i, action] of seeded.entries()) {
    if (action.link?.op !== 'set') throw new Error('seeding the link table failed');
    links.set(action.sourceId, {
      sourceId: action.sourceId,
      targetId: `t${i}`,
      exported: action.link.exported,
    });
  }
  const changed = users.map((u, i) => (i % 100 === 0 ? directoryUser(i, `Changed${i}`) : u));
  const items: PlanItem<DirectoryUser>[] = changed.map((object) => ({ object, scope }));
  const cycle = time(() =>
    planCycle({ app, users: items, groups: [], links: { users: links, groups: new Map() } }),
  );
  if (cycle.result.length !== USERS / 100)
    throw new Error(`expected ${USERS / 100} updates, got ${cycle.result.length}`);

  const data = [
    {
      name: `evaluate A7 default mappings over ${USERS.toLocaleString('en-US')} users`,
      ms: evaluation.ms,
      perObjectUs: (evaluation.ms * 1000) / USERS,
    },
    {
      name: `plan a cycle over ${USERS.toLocaleString('en-US')} linked users, 1 % changed`,
      ms: cycle.ms,
      perObjectUs: (cycle.ms * 1000) / USERS,
      target: '< 5 s',
    },
  ];
  const rows = data.map(
    (d) =>
      `| ${d.name} | ${(d.ms / 1000).toFixed(2)} s | ${d.perObjectUs.toFixed(1)} µs | ${d.target ?? ''} |`,
  );
  return {
    table: ['| operation | total | per user | target |', '| --- | --- | --- | --- |', ...rows].join('\n'),
    data,
  };
}
