/**
 * The host app's own users table (its SQLite file, not Provisio's), plus the feed cursor stored beside it:
 * each change and the cursor that records it commit together, so a crash replays at most the event in hand.
 */
import Database from 'better-sqlite3';

export class AppUsers {
  /** @param {string} file */
  constructor(file) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      create table if not exists app_users (
        scim_id text primary key,
        user_name text not null,
        display_name text,
        email text,
        active integer not null
      );
      create table if not exists feed_cursor (tenant_id text primary key, seq integer not null);
    `);
    this.upsertUser = this.db.prepare(`
      insert into app_users (scim_id, user_name, display_name, email, active)
      values (@scimId, @userName, @displayName, @email, @active)
      on conflict (scim_id) do update set user_name = excluded.user_name,
        display_name = excluded.display_name, email = excluded.email, active = excluded.active`);
    this.deleteUser = this.db.prepare('delete from app_users where scim_id = ?');
    this.saveCursor = this.db.prepare(
      'insert into feed_cursor (tenant_id, seq) values (?, ?) on conflict (tenant_id) do update set seq = excluded.seq',
    );
    this.readCursor = this.db.prepare('select seq from feed_cursor where tenant_id = ?');
  }

  /** The last event handled for the tenant; 0 before the first. */
  cursor(tenantId) {
    return this.readCursor.get(tenantId)?.seq ?? 0;
  }

  /** Applies one user's new state (undefined: gone) and moves the cursor to `seq`, atomically. */
  apply(tenantId, seq, scimId, user) {
    this.db.transaction(() => {
      if (user === undefined) this.deleteUser.run(scimId);
      else this.upsertUser.run({ scimId, ...user });
      this.saveCursor.run(tenantId, seq);
    })();
  }

  /** Moves the cursor past an event that does not concern this table (groups). */
  skip(tenantId, seq) {
    this.saveCursor.run(tenantId, seq);
  }

  all() {
    return this.db.prepare('select * from app_users order by scim_id').all();
  }

  close() {
    this.db.close();
  }
}
