// One process of the concurrent-migration test: waits for the common start time, migrates the file it is
// given and prints the names of the migrations it ran.
import { openSqliteStore } from '@provisio/store';

const [file, startAt] = process.argv.slice(2);
// Spin rather than sleep: the processes should reach the database in the same millisecond.
while (Date.now() < Number(startAt)) {
  /* waiting for the start */
}
const store = openSqliteStore({ file: file!, busyTimeoutMs: 20_000 });
const applied = await store.migrate();
await store.close();
process.stdout.write(JSON.stringify(applied));
