// `npm start`: builds (see package.json), then runs the SCIM server. Configuration comes from PROVISIO_*
// environment variables or `--flag value` arguments; see packages/server/README.md.
import { main } from '@provisio/server';

await main(process.env, process.argv.slice(2));
