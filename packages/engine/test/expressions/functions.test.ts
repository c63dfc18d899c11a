// Runs the function vectors in test/cases/functions.cases.ts in a pinned environment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ExpressionEnvironment,
  ExpressionError,
  ExpressionEvaluationError,
  type ExpressionSource,
  type ExpressionValue,
  FUNCTION_NAMES,
  checkExpression,
  compileExpression,
  parseExpression,
} from '@provisio/engine';
import { type FunctionCase, NOW, functionCases } from '../cases/functions.cases.js';

/** A fixed clock, a fixed GUID and a seeded generator (a 32-bit LCG), fresh for every case. */
function pinnedEnvironment(): ExpressionEnvironment {
  let seed = 42;
  return {
    now: () => NOW,
    random: () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 0x1_0000_0000;
    },
    newGuid: () => '00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
  };
}

/** Reads the case's attributes; values listed under `taken` are not unique in the target. */
function sourceOf(attributes: Readonly<Record<string, ExpressionValue>> = {}): ExpressionSource {
  const taken = attributes.taken;
  return {
    get: (name) => attributes[name],
    isUnique: (value) => !(Array.isArray(taken) && taken.includes(value)),
  };
}

function run(entry: FunctionCase): void {
  if (entry.problem !== undefined) {
    const problems = checkExpression(parseExpression(entry.expression));
    assert.ok(
      problems.some((problem) => problem.code === entry.problem),
      `expected a ${entry.problem} problem, got ${JSON.stringify(problems)}`,
    );
    assert.throws(() => compileExpression(entry.expression), ExpressionError);
    return;
  }
  const evaluate = compileExpression(entry.expression, pinnedEnvironment());
  if (entry.error !== undefined) {
    assert.throws(
      () => evaluate(sourceOf(entry.source)),
      (error: unknown) => error instanceof ExpressionEvaluationError && entry.error!.test(error.message),
    );
    return;
  }
  const value = evaluate(sourceOf(entry.source));
  if (entry.satisfies !== undefined) {
    const [description, holds] = entry.satisfies;
    assert.ok(holds(value), `${JSON.stringify(value)} is not ${description}`);
  } else {
    assert.deepEqual(value, entry.expected);
  }
}

describe('expression functions (B4)', () => {
  test('the table covers every registered function, each with at least 5 cases', () => {
    assert.deepEqual(Object.keys(functionCases).sort(), [...FUNCTION_NAMES]);
    assert.equal(
      FUNCTION_NAMES.length,
      44,
      "B4's 43 documented functions plus AssertiveAppRoleAssignmentsComplex",
    );
    for (const [name, cases] of Object.entries(functionCases)) {
      assert.ok(cases.length >= 5, `${name} has ${cases.length} cases`);
      for (const entry of cases) {
        const expectations = [
          entry.expected !== undefined || 'expected' in entry,
          entry.satisfies,
          entry.error,
          entry.problem,
        ];
        assert.equal(
          expectations.filter(Boolean).length,
          1,
          `${name}: ${entry.title} needs exactly one expectation`,
        );
      }
    }
  });

  for (const [name, cases] of Object.entries(functionCases)) {
    describe(name, () => {
      for (const entry of cases) test(entry.title, () => run(entry));
    });
  }
});
