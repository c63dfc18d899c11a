/** Generated values (B4); every random choice goes through the injected environment. */
import { integer, text } from '../coerce.js';
import { type FunctionDefinition, type Invocation, literalValue } from '../function-definition.js';

/** Longest string RandomString makes (Microsoft's reference: "256 characters max"). */
export const MAX_RANDOM_STRING_LENGTH = 256;

const DIGITS = '0123456789';
/** The special characters of Windows' password complexity rule, which RandomString draws from. */
const SPECIALS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

function pick(call: Invocation, characters: string): string {
  return characters.charAt(Math.floor(call.env.random() * characters.length));
}

function randomString(call: Invocation): string {
  const [length, ...minimums] = [0, 1, 2, 3, 4].map((index) => integer(call, index) ?? 0) as [
    number,
    ...number[],
  ];
  const avoid = text(call, 5) ?? '';
  if (length < 1 || length > MAX_RANDOM_STRING_LENGTH) {
    call.fail(`length ${length} is outside 1-${MAX_RANDOM_STRING_LENGTH}`);
  }
  if (minimums.some((minimum) => minimum < 0)) call.fail('minimum counts cannot be negative');
  const required = minimums.reduce((sum, minimum) => sum + minimum, 0);
  if (required > length) call.fail(`the minimum counts add up to ${required}, more than length ${length}`);
  const classes = [DIGITS, SPECIALS, UPPER, LOWER].map((characters) =>
    [...characters].filter((character) => !avoid.includes(character)).join(''),
  );
  const characters: string[] = [];
  classes.forEach((allowed, index) => {
    const minimum = minimums[index] ?? 0;
    if (minimum > 0 && allowed === '')
      call.fail('charactersToAvoid removes every character of a required kind');
    for (let i = 0; i < minimum; i++) characters.push(pick(call, allowed));
  });
  const any = classes.join('');
  if (any === '' && characters.length < length) call.fail('charactersToAvoid removes every character');
  while (characters.length < length) characters.push(pick(call, any));
  // Fisher-Yates, so the required characters do not always come first.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = Math.floor(call.env.random() * (i + 1));
    [characters[i], characters[j]] = [characters[j] ?? '', characters[i] ?? ''];
  }
  return characters.join('');
}

export const GENERATOR_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'Guid',
    parameters: [],
    result: 'string',
    evaluate: (call) => call.env.newGuid(),
  },
  {
    name: 'RandomString',
    parameters: [
      { name: 'length', type: 'number' },
      { name: 'minimumNumbers', type: 'number' },
      { name: 'minimumSpecialCharacters', type: 'number' },
      { name: 'minimumCapital', type: 'number' },
      { name: 'minimumLowerCase', type: 'number' },
      { name: 'charactersToAvoid', type: 'text', optional: true },
    ],
    result: 'string',
    validate: (args, report) => {
      const values = args.slice(0, 5).map(literalValue);
      const [length] = values;
      if (typeof length === 'number' && (length < 1 || length > MAX_RANDOM_STRING_LENGTH)) {
        report(args[0], `length must be 1-${MAX_RANDOM_STRING_LENGTH}`);
      }
      const minimums = values.slice(1);
      if (typeof length === 'number' && minimums.every((value) => typeof value === 'number')) {
        const required = (minimums as number[]).reduce((sum, value) => sum + value, 0);
        if (required > length)
          report(args[0], `the minimum counts add up to ${required}, more than length ${length}`);
      }
    },
    evaluate: randomString,
  },
];
