/**
 * Conditions, presence tests and flow control (B4). Comparisons (`=`, `<>`, …) are syntax, evaluated by
 * the compiler; these functions consume their True/False.
 */
import { single, text, textOf, truthOf } from '../coerce.js';
import type { FunctionDefinition } from '../function-definition.js';
import { type ExpressionValue, isAbsent, isNullOrEmpty } from '../values.js';

const presence = (name: string, test: (value: ExpressionValue) => boolean): FunctionDefinition => ({
  name,
  parameters: [{ name: 'expression', type: 'any' }],
  result: 'boolean',
  evaluate: (call) => test(call.arg(0)),
});

export const LOGIC_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'CBool',
    parameters: [{ name: 'expression', type: 'any' }],
    result: 'boolean',
    evaluate: (call) => {
      const value = single(call, call.arg(0));
      const truth = truthOf(value);
      if (truth === undefined)
        call.fail(`${JSON.stringify(textOf(value))} is neither a number nor True/False`);
      // "If the expression evaluates to a non-zero value, CBool returns True, else False": null is False.
      return truth === true;
    },
  },
  {
    name: 'Coalesce',
    parameters: [{ name: 'source', type: 'any' }],
    repeat: 1,
    result: 'unknown',
    evaluate: (call) => {
      // The optional defaultValue is simply the last candidate, so one loop covers both.
      for (let i = 0; i < call.count; i++) {
        const value = call.arg(i);
        if (!isAbsent(value)) return value;
      }
      return null;
    },
  },
  {
    name: 'IgnoreFlowIfNullOrEmpty',
    parameters: [{ name: 'expression', type: 'any' }],
    result: 'unknown',
    topLevelOnly: true,
    ignoresEmptyFlow: true,
    evaluate: (call) => call.arg(0),
  },
  {
    name: 'IIF',
    parameters: [
      { name: 'condition', type: 'any' },
      { name: 'valueIfTrue', type: 'any' },
      { name: 'valueIfFalse', type: 'any' },
    ],
    result: 'unknown',
    evaluate: (call) => {
      const condition = single(call, call.arg(0));
      const truth = truthOf(condition);
      if (truth === undefined)
        call.fail(`condition ${JSON.stringify(textOf(condition))} is not True or False`);
      // Microsoft: "if the source attribute used within IIF is empty or null, the condition check fails";
      // here it yields null, so the attribute is not sent (B3) instead of failing the whole object.
      if (truth === null) return null;
      return call.arg(truth ? 1 : 2);
    },
  },
  presence('IsNull', isAbsent),
  presence('IsNullOrEmpty', isNullOrEmpty),
  presence('IsPresent', (value) => !isNullOrEmpty(value)),
  presence('IsString', (value) => typeof value === 'string'),
  {
    name: 'Not',
    parameters: [{ name: 'source', type: 'any' }],
    result: 'boolean',
    // "If source value is True, returns False. Otherwise, returns True."
    evaluate: (call) => truthOf(single(call, call.arg(0))) !== true,
  },
  {
    name: 'Redact',
    parameters: [{ name: 'value', type: 'any' }],
    result: 'unknown',
    redacts: true,
    evaluate: (call) => call.arg(0),
  },
  {
    name: 'SelectUniqueValue',
    parameters: [{ name: 'uniqueValueRule', type: 'text' }],
    repeat: 1,
    minArguments: 2,
    result: 'string',
    topLevelOnly: true,
    evaluate: (call) => {
      const { source } = call;
      if (source.isUnique === undefined) {
        return call.fail(
          'this target cannot check values for uniqueness (Entra supports SelectUniqueValue for Active Directory targets only)',
        );
      }
      for (let i = 0; i < call.count; i++) {
        const candidate = text(call, i);
        if (candidate !== null && candidate !== '' && source.isUnique(candidate)) return candidate;
      }
      return call.fail('every candidate value is already taken in the target');
    },
  },
  {
    name: 'Switch',
    parameters: [
      { name: 'source', type: 'text' },
      { name: 'defaultValue', type: 'any', optional: true },
      { name: 'key', type: 'text' },
      { name: 'value', type: 'any' },
    ],
    repeat: 2,
    result: 'unknown',
    evaluate: (call) => {
      // An absent source matches the key "" (Microsoft: use a literal empty key, not IsNullOrEmpty).
      const source = text(call, 0) ?? '';
      for (let i = 2; i + 1 < call.count; i += 2) {
        if ((text(call, i) ?? '') === source) return call.arg(i + 1);
      }
      return call.arg(1);
    },
  },
];
