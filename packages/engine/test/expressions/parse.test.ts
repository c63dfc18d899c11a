// Runs the parser and checker vectors in test/cases/parse.cases.ts, plus compile-time errors, log
// redaction and the roles PATCH mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ExpressionError,
  ExpressionEvaluationError,
  IGNORE_FLOW,
  checkExpression,
  compileExpression,
  parseExpression,
  printExpression,
  redactedForLog,
  rolesPatchOperation,
} from '@provisio/engine';
import { checkCases, parseCases, syntaxErrorCases } from '../cases/parse.cases.js';

describe('parseExpression', () => {
  for (const entry of parseCases) {
    test(entry.title, () => {
      const tree = parseExpression(entry.text);
      if (entry.tree !== undefined) assert.deepEqual(tree, entry.tree);
      assert.equal(printExpression(tree), entry.printed ?? entry.text);
    });
  }

  for (const entry of syntaxErrorCases) {
    test(`syntax error: ${entry.title}`, () => {
      assert.throws(
        () => parseExpression(entry.text),
        (error: unknown) => {
          assert.ok(error instanceof ExpressionError, String(error));
          assert.equal(error.position, entry.position);
          assert.match(error.message, entry.message);
          return true;
        },
      );
    });
  }
});

describe('checkExpression', () => {
  for (const entry of checkCases) {
    test(entry.title, () => {
      const attributes = entry.attributes === undefined ? undefined : new Set(entry.attributes);
      const problems = checkExpression(parseExpression(entry.text), attributes);
      assert.deepEqual(
        problems.map((problem) => `${problem.code}@${problem.position}`),
        entry.problems,
        JSON.stringify(problems),
      );
    });
  }

  test('messages name the function, argument and a case-sensitivity hint', () => {
    const [unknown] = checkExpression(parseExpression('join(" ", [a])'));
    assert.match(
      unknown?.message ?? '',
      /unknown function join \(names are case-sensitive: did you mean Join\?\)/,
    );
    const [type] = checkExpression(parseExpression('Left("abc", "two")'));
    assert.equal(type?.message, 'argument 2 (numChars) of Left expects a number, but "two" is not a number');
  });
});

describe('compileExpression', () => {
  test('refuses an expression with a problem, naming its line and column', () => {
    assert.throws(
      () => compileExpression('Join(" ",\n  Item([a], 0))'),
      (error: unknown) =>
        error instanceof ExpressionError &&
        error.position === 23 &&
        error.line === 2 &&
        error.column === 13 &&
        /Item indexes count from 1/.test(error.message),
    );
  });

  test('compiles a parsed tree as well as text', () => {
    const evaluate = compileExpression(parseExpression('ToUpper([a])'));
    assert.equal(evaluate({ get: () => 'x' }), 'X');
  });

  test('evaluation errors carry the function name and position', () => {
    const evaluate = compileExpression('Join(" ", Item([a], [i]))');
    assert.throws(
      () => evaluate({ get: (name) => (name === 'i' ? 0 : ['x']) }),
      (error: unknown) =>
        error instanceof ExpressionEvaluationError && error.functionName === 'Item' && error.position === 11,
    );
  });

  test('platform failures inside a function become evaluation errors', () => {
    const evaluate = compileExpression('ToLower("I", [culture])');
    assert.throws(
      () => evaluate({ get: () => 'xx-invalid-culture-tag-' }),
      (error: unknown) => error instanceof ExpressionEvaluationError && error.functionName === 'ToLower',
    );
  });

  test('SelectUniqueValue fails clearly when the target cannot check uniqueness', () => {
    const evaluate = compileExpression('SelectUniqueValue("a", "b")');
    assert.throws(() => evaluate({ get: () => undefined }), /Active Directory targets only/);
  });

  test('a comparison of text with a DateTime reads the text as a date', () => {
    const evaluate = compileExpression('IIF(CDate("2021-01-02") > [d], "later", "earlier")');
    assert.equal(evaluate({ get: () => '2021-01-01T00:00:00Z' }), 'later');
    assert.throws(() => evaluate({ get: () => 'not a date' }), ExpressionEvaluationError);
  });
});

describe('redactedForLog', () => {
  const cases = [
    { text: 'Redact([userPrincipalName])', value: 'a@b', logged: '[Redact]' },
    { text: 'Join("@", Redact([a]), "contoso.com")', value: 'x@contoso.com', logged: '[Redact]' },
    { text: 'IIF(Redact([a]) = "x", "y", "z")', value: 'y', logged: '[Redact]' },
    { text: 'Join("@", [a], "contoso.com")', value: 'x@contoso.com', logged: 'x@contoso.com' },
    { text: 'Redact([a])', value: null, logged: null },
    { text: 'IgnoreFlowIfNullOrEmpty(Redact([a]))', value: IGNORE_FLOW, logged: IGNORE_FLOW },
  ];
  for (const { text, value, logged } of cases) {
    test(`${text} logs ${String(logged)}`, () => {
      assert.equal(redactedForLog(parseExpression(text), value), logged);
    });
  }
});

describe('rolesPatchOperation', () => {
  test('add for AppRoleAssignmentsComplex, replace for the assertive one, else none', () => {
    assert.equal(
      rolesPatchOperation(parseExpression('AppRoleAssignmentsComplex([appRoleAssignments])')),
      'add',
    );
    assert.equal(
      rolesPatchOperation(parseExpression('AssertiveAppRoleAssignmentsComplex([appRoleAssignments])')),
      'replace',
    );
    assert.equal(
      rolesPatchOperation(parseExpression('SingleAppRoleAssignment([appRoleAssignments])')),
      undefined,
    );
    assert.equal(rolesPatchOperation(parseExpression('[roles]')), undefined);
  });
});
