/**
 * `provisio directory applications list|create` and `provisio directory assign`: the applications of the
 * directory (issue 7), each with its app roles, and who is assigned to them, through the admin API.
 */
import type { Command } from 'commander';
import { formatTable } from './output.js';
import { UsageError } from './program.js';
import type { AdminAction } from './tenant-commands.js';

interface AppRole {
  readonly id: string;
  readonly value: string;
  readonly displayName: string;
  readonly isDefaultAccess: boolean;
}

interface Application {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly appRoles: readonly AppRole[];
}

interface Assignment {
  readonly id: string;
  readonly applicationId: string;
  readonly appRoleId: string;
  readonly principalId: string;
  readonly principalType: string;
}

/** Roles by their `value`, the Default Access role (which has none to speak of) by its display name. */
function roleNames(application: Application): string {
  return application.appRoles
    .map((role) => (role.isDefaultAccess ? role.displayName : role.value))
    .join(', ');
}

function formatApplications(applications: readonly Application[]): string {
  return formatTable(
    ['ID', 'NAME', 'CREATED', 'APP ROLES'],
    applications.map((a) => [a.id, a.name, a.createdAt, roleNames(a)]),
  );
}

function formatApplication(application: Application): string {
  return [
    `Application ${application.id} (${application.name})`,
    formatTable(
      ['APP ROLE ID', 'VALUE', 'DISPLAY NAME'],
      application.appRoles.map((role) => [role.id, role.value, role.displayName]),
    ),
  ].join('\n');
}

/** The role `--role` names, by id or by value; an unknown one is a mistake on the command line. */
function roleOf(application: Application, wanted: string): AppRole {
  const role = application.appRoles.find((r) => r.id === wanted || r.value === wanted);
  if (!role) {
    const known = application.appRoles.filter((r) => !r.isDefaultAccess).map((r) => r.value);
    throw new UsageError(
      `application ${application.id} has no app role "${wanted}"; its roles: ${known.join(', ') || 'only Default Access'}`,
    );
  }
  return role;
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** Adds `applications list|create` and `assign` to the `directory` command. */
export function addApplicationCommands(directory: Command, call: AdminAction): void {
  const applications = directory
    .command('applications')
    .description('directory applications and their app roles');
  applications
    .command('list')
    .description('list applications with their app roles')
    .action(
      call(
        (client) => client.request<{ applications: Application[] }>('GET', '/directory/applications'),
        (answer) => formatApplications(answer.applications),
      ),
    );
  applications
    .command('create <name>')
    .description('create an application; it always has the Default Access role, --role adds more')
    .option('--role <value>', 'an app role value, e.g. Admin (repeat for several)', collect, [])
    .action(
      call(
        (client, name: string, options: { role: string[] }) =>
          client.request<Application>('POST', '/directory/applications', {
            name,
            ...(options.role.length === 0 ? {} : { appRoles: options.role.map((value) => ({ value })) }),
          }),
        formatApplication,
      ),
    );

  directory
    .command('assign <application> <principal>')
    .description('assign a user or group (its objectId) to an application (its id)')
    .option('--role <role>', 'the app role, by value or id (default: Default Access)')
    .action(
      call(
        async (client, applicationId: string, principalId: string, options: { role?: string }) => {
          let appRoleId: string | undefined;
          if (options.role !== undefined) {
            const application = await client.request<Application>(
              'GET',
              `/directory/applications/${encodeURIComponent(applicationId)}`,
            );
            appRoleId = roleOf(application, options.role).id;
          }
          return client.request<Assignment>('POST', '/directory/assignments', {
            applicationId,
            principalId,
            ...(appRoleId === undefined ? {} : { appRoleId }),
          });
        },
        (answer) =>
          `Assigned ${answer.principalType} ${answer.principalId} to application ${answer.applicationId} (app role ${answer.appRoleId}); assignment ${answer.id}.`,
      ),
    );
}
