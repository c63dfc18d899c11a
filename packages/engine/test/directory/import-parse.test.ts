// The import parsers: properties over generated files (fast-check), and the refusals of unreadable ones.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { type ImportRow, parseCsv, parseJson } from '@provisio/engine';
import { InvalidSyntax } from '@provisio/scim-core';
import fc from 'fast-check';

async function collect(rows: AsyncIterable<ImportRow>): Promise<ImportRow[]> {
  const all: ImportRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** RFC 4180 quoting: every field quoted, quotes doubled. */
function csvLine(fields: readonly string[]): string {
  return fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');
}

const header = fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), {
  minLength: 1,
  maxLength: 6,
});
/** Cells with commas, quotes, semicolons, blanks and line breaks: quoted, all kept as they are. */
const cell = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', ',', '"', ';', '\n', ' ', 'é', '\u{1F600}'),
  maxLength: 12,
});

test('CSV: every generated file reads back as its rows, whether given as text or as a stream', async () => {
  await fc.assert(
    fc.asyncProperty(
      header.chain((names) =>
        fc.tuple(
          fc.constant(names),
          fc.array(fc.array(cell, { minLength: names.length, maxLength: names.length }), { maxLength: 8 }),
        ),
      ),
      fc.boolean(),
      fc.boolean(),
      async ([names, records], asStream, crlf) => {
        const text = [csvLine(names), ...records.map(csvLine)].join(crlf ? '\r\n' : '\n');
        const rows = await collect(parseCsv(asStream ? Readable.from([text]) : text));
        const expected = records.map((record) =>
          Object.fromEntries(names.map((name, i) => [name, record[i]])),
        );
        assert.deepEqual(
          rows.map((row) => ('values' in row ? row.values : row.error)),
          expected,
        );
        assert.deepEqual(
          rows.map((row) => row.row),
          expected.map((_, i) => i + 1),
        );
      },
    ),
  );
});

test('JSON: an array and the same objects as JSON lines read alike', async () => {
  const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== '__proto__');
  const object = fc.dictionary(key, fc.oneof(fc.string(), fc.boolean(), fc.integer(), fc.constant(null)), {
    maxKeys: 5,
  });
  await fc.assert(
    fc.asyncProperty(fc.array(object, { maxLength: 8 }), async (objects) => {
      const fromArray = await collect(parseJson(JSON.stringify(objects)));
      const fromLines = await collect(parseJson(objects.map((o) => JSON.stringify(o)).join('\n')));
      // fast-check's dictionaries have no prototype; JSON.parse gives plain objects.
      const expected = objects.map((values, i) => ({ row: i + 1, values: { ...values } }));
      assert.deepEqual(fromArray, expected);
      assert.deepEqual(fromLines, expected);
    }),
  );
});

const refused: { title: string; text: string; message: RegExp }[] = [
  { title: 'an empty file', text: '', message: /empty/ },
  { title: 'a header with an empty column name', text: 'a,,b\n1,2,3', message: /column 2 has no name/ },
  { title: 'a header naming a column twice', text: 'a,b,a\n1,2,3', message: /"a" appears twice/ },
];
for (const { title, text, message } of refused) {
  test(`CSV: ${title} is refused as a whole`, async () => {
    await assert.rejects(
      collect(parseCsv(text)),
      (error: Error) => error instanceof InvalidSyntax && message.test(error.message),
    );
  });
}

test('CSV: a syntax error ends the file with that row’s error; the rows before it stand', async () => {
  const rows = await collect(parseCsv('a,b\n1,2\n"3,4\n5,6'));
  assert.deepEqual(rows[0], { row: 1, values: { a: '1', b: '2' } });
  assert.equal(rows.length, 2);
  assert.equal(rows[1]?.row, 2);
  assert.ok(
    'error' in rows[1]! && /rest of the file was not read/.test(rows[1].error),
    JSON.stringify(rows[1]),
  );
});
