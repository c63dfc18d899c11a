/**
 * Reading import files into rows: CSV (a header row of attribute names) and JSON (an array of objects,
 * or JSON lines). A malformed row becomes that row's error; only a file that cannot be read at all (bad
 * header, a JSON array that does not parse) is refused as a whole, with `InvalidSyntax`.
 */
import type { Readable } from 'node:stream';
import { InvalidSyntax } from '@provisio/scim-core';
import { type CsvError, parse } from 'csv-parse';

export type ImportFormat = 'csv' | 'json';

/** One record of the file: its 1-based number (the header does not count) and values, or why it has none. */
export type ImportRow =
  | { readonly row: number; readonly values: Readonly<Record<string, unknown>> }
  | { readonly row: number; readonly error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkHeader(header: readonly string[]): void {
  const seen = new Set<string>();
  for (const [index, name] of header.entries()) {
    if (name === '') throw new InvalidSyntax(`CSV header: column ${index + 1} has no name`);
    if (seen.has(name)) throw new InvalidSyntax(`CSV header: column "${name}" appears twice`);
    seen.add(name);
  }
}

/** CSV rows as objects keyed by the header; every value is a string. */
export async function* parseCsv(
  input: string | Readable,
  checkColumns: (header: readonly string[]) => void = () => {},
): AsyncGenerator<ImportRow> {
  const options = {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    // Reported through 'skip' instead of destroying the stream, so records parsed before it still arrive.
    skip_records_with_error: true,
    info: true,
  };
  const parser = typeof input === 'string' ? parse(input, options) : input.pipe(parse(options));
  // The parser cannot resynchronise after a syntax error: what came before stands, the rest is unread.
  let syntaxError: CsvError | undefined;
  parser.on('skip', (error: CsvError) => {
    syntaxError ??= error;
  });
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { records: number };
  }>) {
    if (syntaxError && info.records > recordsBefore(syntaxError)) break;
    if (header === undefined) {
      header = record;
      checkHeader(header);
      checkColumns(header);
      continue;
    }
    const row = info.records - 1;
    if (record.length !== header.length) {
      yield { row, error: `has ${record.length} fields; the header has ${header.length}` };
      continue;
    }
    yield { row, values: Object.fromEntries(header.map((name, i) => [name, record[i]])) };
  }
  if (header === undefined) {
    throw new InvalidSyntax(
      syntaxError ? `CSV header: ${syntaxError.message}` : 'the CSV file is empty: it needs a header row',
    );
  }
  if (syntaxError) {
    yield {
      row: recordsBefore(syntaxError),
      error: `CSV syntax error (${syntaxError.message}); the rest of the file was not read`,
    };
  }
}

/** How many records (the header included) were parsed before the one in error. */
function recordsBefore(error: CsvError): number {
  return Number((error as CsvError & { records?: number }).records ?? 0);
}

/** A JSON array of objects, or one object per line (JSON lines); told apart by the first character. */
export async function* parseJson(input: string): AsyncGenerator<ImportRow> {
  const text = input.replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('[')) {
    let items: unknown[];
    try {
      items = JSON.parse(text) as unknown[];
    } catch (error) {
      throw new InvalidSyntax(`the JSON array does not parse: ${(error as Error).message}`);
    }
    for (const [index, item] of items.entries()) {
      yield isRecord(item)
        ? { row: index + 1, values: item }
        : { row: index + 1, error: 'is not a JSON object' };
    }
    return;
  }
  let row = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    row += 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { row, error: `is not JSON: ${(error as Error).message}` };
      continue;
    }
    yield isRecord(value) ? { row, values: value } : { row, error: 'is not a JSON object' };
  }
}
