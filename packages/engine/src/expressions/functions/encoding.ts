/** Encodings and bit arithmetic (B4). */
import { eachText, integer } from '../coerce.js';
import type { FunctionDefinition } from '../function-definition.js';

export const ENCODING_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'BitAnd',
    parameters: [
      { name: 'value1', type: 'number' },
      { name: 'value2', type: 'number' },
    ],
    result: 'number',
    evaluate: (call) => {
      const left = integer(call, 0);
      const right = integer(call, 1);
      if (left === null || right === null) return null;
      // BigInt: JavaScript's `&` would cut both operands to 32 bits.
      return Number(BigInt(left) & BigInt(right));
    },
  },
  {
    name: 'ConvertToBase64',
    parameters: [{ name: 'source', type: 'text' }],
    result: 'string',
    // .NET's Encoding.Unicode: UTF-16 little-endian, so "Hello world!" becomes "SABlAGwA…".
    evaluate: (call) => eachText(call, 0, (source) => Buffer.from(source, 'utf16le').toString('base64')),
  },
  {
    name: 'ConvertToUTF8Hex',
    parameters: [{ name: 'source', type: 'text' }],
    result: 'string',
    evaluate: (call) =>
      eachText(call, 0, (source) => Buffer.from(source, 'utf8').toString('hex').toUpperCase()),
  },
];
