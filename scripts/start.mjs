// `npm start`: until the SCIM server lands (issue 4) this reports what the build contains.
import { SchemaRegistry } from '@provisio/scim-core';

const registry = SchemaRegistry.standard();
console.log('Provisio: the SCIM protocol core is built; the HTTP server is not part of this build yet.');
console.log('Resource types:', registry.resourceTypes().map((r) => `${r.name} (${r.endpoint})`).join(', '));
console.log('Run `npm test` for the conformance suite and `npm run bench` for the core micro-benchmark.');
