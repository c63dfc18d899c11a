/**
 * Failed console logins, one row per failure and key. The throttle only ever reads the newest few rows of
 * one key (an index range), and every recorded failure prunes the rows that have left every window.
 */
import type { LoginAttemptKey, LoginAttemptRepository } from '../contract.js';
import type { StoreContext } from '../store-context.js';

export class SqlLoginAttemptRepository implements LoginAttemptRepository {
  constructor(private readonly context: StoreContext) {}

  async recentFailures(key: LoginAttemptKey, since: string, limit: number): Promise<readonly string[]> {
    const rows = await this.context.db
      .selectFrom('login_attempts')
      .select('attempted')
      .where('kind', '=', key.kind)
      .where('subject', '=', key.subject)
      .where('attempted', '>', since)
      .orderBy('attempted', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.attempted);
  }

  async recordFailure(keys: readonly LoginAttemptKey[], forgetBefore: string): Promise<void> {
    const attempted = this.context.now();
    await this.context.db.deleteFrom('login_attempts').where('attempted', '<', forgetBefore).execute();
    if (keys.length === 0) return;
    await this.context.db
      .insertInto('login_attempts')
      .values(keys.map(({ kind, subject }) => ({ id: this.context.newId(), kind, subject, attempted })))
      .execute();
  }

  async clear(key: LoginAttemptKey): Promise<void> {
    await this.context.db
      .deleteFrom('login_attempts')
      .where('kind', '=', key.kind)
      .where('subject', '=', key.subject)
      .execute();
  }
}
