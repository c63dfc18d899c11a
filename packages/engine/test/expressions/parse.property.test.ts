// Property tests for the expression language: printing round-trips, parsing fails only with
// ExpressionError, and compiled expressions fail only with ExpressionEvaluationError.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ArgumentNode,
  type CompareOperator,
  ExpressionError,
  ExpressionEvaluationError,
  type ExpressionNode,
  type ExpressionValue,
  FUNCTION_NAMES,
  compileExpression,
  parseExpression,
  printExpression,
} from '@provisio/engine';
import fc from 'fast-check';

/** The tree without positions: what printing must preserve. */
function shape(node: ArgumentNode): unknown {
  switch (node.kind) {
    case 'call':
      return { kind: 'call', name: node.name, args: node.args.map(shape) };
    case 'compare':
      return { kind: 'compare', op: node.op, left: shape(node.left), right: shape(node.right) };
    case 'number':
      return { kind: 'number', value: node.value, hex: node.hex };
    case 'string':
      return { kind: 'string', value: node.value };
    case 'attribute':
    case 'name':
      return { kind: node.kind, name: node.name };
    case 'missing':
      return { kind: 'missing' };
  }
}

const at = 1;
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const attributeName = fc.stringMatching(/^[A-Za-z0-9_.:$#@-]([A-Za-z0-9_.:$#@ -]{0,10}[A-Za-z0-9_.:$#@-])?$/);
/** Any UTF-16 code unit (lone surrogates included), with the characters strings escape made common. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\\', '"', ' ', 'a'),
    fc.nat(0xffff).map((code) => String.fromCharCode(code)),
  ),
  maxLength: 12,
});
const OPERATORS: readonly CompareOperator[] = ['=', '<>', '>', '>=', '<', '<='];

const leaf: fc.Arbitrary<ExpressionNode> = fc.oneof(
  attributeName.map((name) => ({ kind: 'attribute', name, position: at }) as const),
  anyText.map((value) => ({ kind: 'string', value, position: at }) as const),
  fc
    .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))
    .map((value) => ({ kind: 'number', value, hex: false, position: at }) as const),
  fc
    .nat(Number.MAX_SAFE_INTEGER)
    .map((value) => ({ kind: 'number', value, hex: true, position: at }) as const),
  identifier.map((name) => ({ kind: 'name', name, position: at }) as const),
);

const tree = fc.letrec<{ operand: ExpressionNode; expression: ExpressionNode }>((tie) => ({
  operand: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    leaf,
    fc
      .record({
        name: identifier,
        args: fc.array(fc.oneof(tie('expression'), fc.constant({ kind: 'missing', position: at } as const)), {
          maxLength: 4,
        }),
      })
      // `F()` has no arguments, so a call with one empty argument has no text of its own.
      .filter(({ args }) => !(args.length === 1 && args[0]?.kind === 'missing'))
      .map(({ name, args }) => ({ kind: 'call', name, args, position: at }) as const),
  ),
  expression: fc.oneof(
    tie('operand'),
    fc
      .record({ op: fc.constantFrom(...OPERATORS), left: tie('operand'), right: tie('operand') })
      .map(({ op, left, right }) => ({ kind: 'compare', op, left, right, position: at }) as const),
  ),
}));

test('printExpression(parseExpression(x)) round-trips every tree', () => {
  fc.assert(
    fc.property(tree.expression, (node) => {
      const printed = printExpression(node);
      const reparsed = parseExpression(printed);
      assert.deepEqual(shape(reparsed), shape(node));
      assert.equal(printExpression(reparsed), printed);
    }),
    { numRuns: 500 },
  );
});

function parsesOrThrowsExpressionError(text: string): void {
  try {
    const node = parseExpression(text);
    assert.equal(printExpression(parseExpression(printExpression(node))), printExpression(node));
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    assert.ok(
      error.position >= 1 && error.position <= Math.max(text.length + 1, 10_001),
      String(error.position),
    );
  }
}

test('the parser throws nothing but ExpressionError on arbitrary strings', () => {
  const alphabet = fc.constantFrom(...'JoinIF([a]"\\, )=<>&H-1.e_x\n'.split(''));
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), anyText, fc.string({ unit: alphabet, maxLength: 40 })),
      parsesOrThrowsExpressionError,
    ),
    { numRuns: 2000 },
  );
});

test('the parser throws nothing but ExpressionError on damaged valid expressions', () => {
  fc.assert(
    fc.property(tree.expression, fc.nat(), fc.nat(3), anyText, (node, where, cut, insert) => {
      const text = printExpression(node);
      const at = where % (text.length + 1);
      parsesOrThrowsExpressionError(text.slice(0, at) + insert + text.slice(at + cut));
    }),
    { numRuns: 1000 },
  );
});

// ---- Registered functions over random data: failures stay per-object errors ---------------------------

const ATTRIBUTES = ['a', 'b', 'c'];
const value: fc.Arbitrary<ExpressionValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', 'True', 'false', '0', '7', '2021-03-04', '8/25/2021 5:41:18 PM', 'a,b', '&HF'),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
);

const callTree = fc.letrec<{ node: ExpressionNode }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    fc.constantFrom(...ATTRIBUTES).map((name) => ({ kind: 'attribute', name, position: at }) as const),
    fc
      .constantFrom('', 'd', 'm', 'yyyy', 'x', ' ', ',', 'yyyy-MM-dd', '(?<g>a)', 'g', 'True')
      .map((text) => ({ kind: 'string', value: text, position: at }) as const),
    fc
      .integer({ min: -3, max: 12 })
      .map((number) => ({ kind: 'number', value: number, hex: false, position: at }) as const),
    fc
      .record({
        name: fc.constantFrom(...FUNCTION_NAMES),
        args: fc.array(fc.oneof(tie('node'), fc.constant({ kind: 'missing', position: at } as const)), {
          maxLength: 7,
        }),
      })
      .map(({ name, args }) => ({ kind: 'call', name, args, position: at }) as const),
  ),
}));

test('compiled expressions fail only with ExpressionEvaluationError, whatever the data', () => {
  const env = { now: () => new Date('2021-08-25T17:41:18Z'), random: () => 0.5, newGuid: () => 'guid' };
  let compiled = 0;
  fc.assert(
    fc.property(callTree.node, fc.array(value, { minLength: 3, maxLength: 3 }), (node, values) => {
      let evaluate: ReturnType<typeof compileExpression>;
      try {
        evaluate = compileExpression(node, env);
      } catch (error) {
        if (error instanceof ExpressionError) return;
        throw error;
      }
      compiled++;
      const source = { get: (name: string) => values[ATTRIBUTES.indexOf(name)], isUnique: () => true };
      try {
        evaluate(source);
      } catch (error) {
        if (!(error instanceof ExpressionEvaluationError)) throw error;
      }
    }),
    { numRuns: 3000 },
  );
  assert.ok(compiled > 300, `only ${compiled} generated expressions passed the checker`);
});
