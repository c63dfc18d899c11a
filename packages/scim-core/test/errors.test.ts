// The error vocabulary against RFC 7644 §3.12 (and RFC 9865's cursor errors), and docs/errors.md against
// ERROR_CLASSES, so the documented table cannot drift from the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  ERROR_CLASSES,
  ERROR_SCHEMA,
  type ScimErrorCode,
  type ScimType,
  isScimError,
} from '@provisio/scim-core';

interface Expected {
  readonly status: number;
  readonly scimType?: ScimType;
  /** Whether the body shows the detail; only the 500 hides it. */
  readonly exposes: boolean;
}

/** RFC 7644 §3.12 Table 9 (400 keywords, uniqueness 409) and status codes; RFC 9865 for the cursors. */
const EXPECTED: Readonly<Record<ScimErrorCode, Expected>> = {
  invalidFilter: { status: 400, scimType: 'invalidFilter', exposes: true },
  tooMany: { status: 400, scimType: 'tooMany', exposes: true },
  uniqueness: { status: 409, scimType: 'uniqueness', exposes: true },
  mutability: { status: 400, scimType: 'mutability', exposes: true },
  invalidSyntax: { status: 400, scimType: 'invalidSyntax', exposes: true },
  invalidPath: { status: 400, scimType: 'invalidPath', exposes: true },
  noTarget: { status: 400, scimType: 'noTarget', exposes: true },
  invalidValue: { status: 400, scimType: 'invalidValue', exposes: true },
  invalidVers: { status: 400, scimType: 'invalidVers', exposes: true },
  sensitive: { status: 400, scimType: 'sensitive', exposes: true },
  invalidCursor: { status: 400, scimType: 'invalidCursor', exposes: true },
  expiredCursor: { status: 400, scimType: 'expiredCursor', exposes: true },
  unauthorized: { status: 401, exposes: true },
  forbidden: { status: 403, exposes: true },
  notFound: { status: 404, exposes: true },
  conflict: { status: 409, exposes: true },
  preconditionFailed: { status: 412, exposes: true },
  payloadTooLarge: { status: 413, exposes: true },
  tooManyRequests: { status: 429, exposes: true },
  internal: { status: 500, exposes: false },
  notImplemented: { status: 501, exposes: true },
};

const codes = Object.keys(ERROR_CLASSES) as ScimErrorCode[];

for (const code of codes) {
  const expected = EXPECTED[code];
  test(`RFC 7644 §3.12 ${code}: status "${expected.status}" as a string, scimType ${expected.scimType ?? 'absent'}`, () => {
    const error = new ERROR_CLASSES[code]('something specific went wrong');
    assert.ok(isScimError(error));
    assert.equal(error.code, code);
    assert.equal(error.status, expected.status);
    const body = error.toBody();
    const detail = expected.exposes ? 'something specific went wrong' : 'internal server error';
    const scimType = expected.scimType === undefined ? {} : { scimType: expected.scimType };
    assert.deepEqual(body, { schemas: [ERROR_SCHEMA], status: String(expected.status), ...scimType, detail });
  });
}

test('RFC 7644 §3.12 scimType keywords go with 400, except uniqueness with 409', () => {
  for (const code of codes) {
    const error = new ERROR_CLASSES[code]('x');
    if (error.scimType === undefined) continue;
    assert.equal(error.status, error.scimType === 'uniqueness' ? 409 : 400, code);
    assert.equal(error.scimType, code, 'a keyword class uses the keyword as its code');
  }
});

test('RFC 7644 §3.12 a plain Error is not a ScimError, so the server answers it as internal', () => {
  assert.equal(isScimError(new Error('boom')), false);
  assert.equal(isScimError({ status: 400, code: 'invalidValue' }), false);
});

interface DocumentedRow {
  readonly code: string;
  readonly className: string;
  readonly status: number;
  readonly scimType: string | undefined;
}

const ROW = /^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*(\d{3})\s*\|\s*(?:`([^`]+)`|—)\s*\|\s*\S/;

function documentedRows(): DocumentedRow[] {
  const markdown = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  return markdown.split('\n').flatMap((line) => {
    const m = ROW.exec(line);
    return m ? [{ code: m[1]!, className: m[2]!, status: Number(m[3]), scimType: m[4] }] : [];
  });
}

test('docs/errors.md lists every code in ERROR_CLASSES once and no code that does not exist', () => {
  const documented = documentedRows().map((r) => r.code);
  assert.deepEqual([...documented].sort(), [...codes].sort());
  assert.equal(new Set(documented).size, documented.length, 'a code is listed twice');
});

test('docs/errors.md gives each code its real class, HTTP status and scimType', () => {
  for (const row of documentedRows()) {
    const ErrorClass = ERROR_CLASSES[row.code as ScimErrorCode];
    assert.ok(ErrorClass, row.code);
    const error = new ErrorClass('x');
    assert.equal(row.className, ErrorClass.name, row.code);
    assert.equal(row.status, error.status, row.code);
    assert.equal(row.scimType, error.scimType, row.code);
  }
});
