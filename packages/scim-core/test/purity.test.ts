// Style principle 2: scim-core has no I/O. Its src/ may import only its own relative modules — no `node:`
// builtins, no npm packages, no sibling workspace packages. (Compiling src with `types: []` already denies
// Node globals such as Buffer and process; this catches imports, including dynamic ones.)
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"]+)\1/g;

function impureImports(source: string): string[] {
  return [...source.matchAll(SPECIFIER)]
    .map((m) => m[2]!)
    .filter((spec) => !spec.startsWith('./') && !spec.startsWith('../'));
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

test('scim-core/src imports nothing but its own modules', () => {
  const offenders = [...sourceFiles(SRC)].flatMap((file) =>
    impureImports(readFileSync(file, 'utf8')).map((spec) => `${file.slice(SRC.length)} imports "${spec}"`),
  );
  assert.deepEqual(offenders, []);
});

test('the purity check catches each kind of forbidden import', () => {
  assert.deepEqual(impureImports(`import { readFile } from 'node:fs';`), ['node:fs']);
  assert.deepEqual(impureImports(`export { x } from "@provisio/store";`), ['@provisio/store']);
  assert.deepEqual(impureImports(`const m = await import('node:crypto');`), ['node:crypto']);
  assert.deepEqual(impureImports(`import 'fs';`), ['fs']);
  assert.deepEqual(impureImports(`import type { A } from './a.js'; import { b } from '../b.js';`), []);
});
