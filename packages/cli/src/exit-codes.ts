/** The documented exit statuses of `provisio`: scripts branch on these. */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** The server answered with a refusal (bad token, unknown tenant, invalid input, conflict…). */
  refused: 1,
  /** The command line itself is wrong: unknown command or option, missing token, bad value, no `--confirm`. */
  usage: 2,
  /** No answer from the server: refused connection, unknown host, timeout. */
  unreachable: 3,
  /** A local operation failed: backup/restore refused (database in use, file exists, not a backup). */
  failed: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit codes as help text, shown by `provisio --help`. */
export const EXIT_HELP = `
Exit status:
  ${EXIT.ok}  success
  ${EXIT.refused}  the server refused the request (its error code and message are printed)
  ${EXIT.usage}  usage error (unknown command or option, missing --token, bad value, unconfirmed delete)
  ${EXIT.unreachable}  cannot connect to the server
  ${EXIT.failed}  backup or restore failed or was refused (database in use, file exists, not a backup)`;
