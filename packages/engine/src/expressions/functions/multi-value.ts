/** Multi-valued attributes (B4). A single value counts as a list of one; absent as an empty list. */
import { integer, single, text, textOf, valuesOf } from '../coerce.js';
import { type FunctionDefinition, literalValue } from '../function-definition.js';
import { type ExpressionValue, isAbsent } from '../values.js';

export const MULTI_VALUE_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'Count',
    parameters: [{ name: 'attribute', type: 'any' }],
    result: 'number',
    evaluate: (call) => valuesOf(call.arg(0)).length,
  },
  {
    name: 'Item',
    parameters: [
      { name: 'attribute', type: 'any' },
      { name: 'index', type: 'number' },
    ],
    result: 'unknown',
    validate: (args, report) => {
      const index = literalValue(args[1]);
      if (typeof index === 'number' && index < 1)
        report(args[1], 'Item indexes count from 1 (index 0 is not allowed)');
    },
    evaluate: (call) => {
      const index = integer(call, 1);
      if (index === null) return null;
      if (index < 1) call.fail(`index ${index}: Item indexes count from 1`);
      return valuesOf(call.arg(0))[index - 1] ?? null;
    },
  },
  {
    name: 'RemoveDuplicates',
    parameters: [{ name: 'attribute', type: 'any' }],
    result: 'list',
    evaluate: (call) => {
      const value = call.arg(0);
      if (isAbsent(value)) return null;
      const seen = new Set<string | null>();
      const unique: ExpressionValue[] = [];
      for (const element of valuesOf(value)) {
        // Ordinal, case-sensitive comparison of each value's text, as .NET's default string equality.
        const key = textOf(single(call, element));
        if (seen.has(key)) continue;
        seen.add(key);
        unique.push(element);
      }
      return unique;
    },
  },
  {
    name: 'Split',
    parameters: [
      { name: 'source', type: 'any' },
      { name: 'delimiter', type: 'text' },
    ],
    result: 'list',
    evaluate: (call) => {
      const value = call.arg(0);
      if (isAbsent(value)) return null;
      const delimiter = text(call, 1);
      if (delimiter === null || delimiter === '') return call.fail('the delimiter is empty');
      // Microsoft's example splits "PermissionSetOne, PermissionSetTwo" on "," into two clean values.
      return valuesOf(value).flatMap((element) =>
        (textOf(single(call, element)) ?? '')
          .split(delimiter)
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      );
    },
  },
];
