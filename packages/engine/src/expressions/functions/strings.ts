/**
 * String functions (B4). An absent source gives null unless Microsoft's reference says otherwise
 * (`Left` and `Word` give "", `Join` skips it); a multi-valued source is transformed value by value.
 */
import { eachText, integer, number, single, text, textOf, valuesOf } from '../coerce.js';
import { normalizeDiacritics } from '../diacritics.js';
import { type FunctionDefinition, type Invocation, literalValue } from '../function-definition.js';
import type { ArgumentNode } from '../nodes.js';

/** .NET's `${name}`/`${1}`/`$0` substitutions in the forms JavaScript's `String.replace` reads. */
function toJsReplacement(template: string): string {
  return template.replace(
    /\$(?:\{(\w+)\}|(\d+)|(\$))/g,
    (_, name: string, digits: string, dollar: string) => {
      if (dollar !== undefined) return '$$';
      const group = name ?? digits;
      if (group === '0') return '$&';
      return /^\d+$/.test(group) ? `$${group}` : `$<${group}>`;
    },
  );
}

/** Replace's modes, chosen by which arguments are written (Microsoft's reference, "Replace"). */
type ReplaceMode = 'fromAttribute' | 'regexGroup' | 'regex' | 'template' | 'plain';

const SOURCE = 0;
const OLD_VALUE = 1;
const REGEX = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

function replaceMode(has: (index: number) => boolean): ReplaceMode | undefined {
  if (has(REGEX)) {
    if (has(GROUP) && has(REPLACEMENT_ATTRIBUTE)) return 'fromAttribute';
    if (has(GROUP) && has(REPLACEMENT)) return 'regexGroup';
    return has(REPLACEMENT) ? 'regex' : undefined;
  }
  if (has(OLD_VALUE) && has(TEMPLATE)) return 'template';
  return has(OLD_VALUE) && has(REPLACEMENT) ? 'plain' : undefined;
}

function regexArgument(call: Invocation, flags: string): RegExp {
  const pattern = text(call, REGEX) ?? '';
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    call.fail(`invalid regexPattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** Replaces the text of the named group in every match, leaving the rest of each match alone. */
function replaceGroup(source: string, regex: RegExp, group: string, replacement: string): string {
  let result = '';
  let copied = 0;
  for (const match of source.matchAll(regex)) {
    const span = match.indices?.groups?.[group];
    if (span === undefined) continue;
    result += source.slice(copied, span[0]) + replacement;
    copied = span[1];
  }
  return result + source.slice(copied);
}

function replace(call: Invocation) {
  const has = (index: number) => call.has(index);
  switch (replaceMode(has)) {
    case 'fromAttribute': {
      const source = text(call, SOURCE);
      if (source !== null && source !== '') return source;
      const fallback = text(call, REPLACEMENT_ATTRIBUTE);
      if (fallback === null) return null;
      const group = text(call, GROUP) ?? '';
      return regexArgument(call, '').exec(fallback)?.groups?.[group] ?? null;
    }
    case 'regexGroup': {
      const regex = regexArgument(call, 'gd');
      const group = text(call, GROUP) ?? '';
      const replacement = text(call, REPLACEMENT) ?? '';
      return eachText(call, SOURCE, (source) => replaceGroup(source, regex, group, replacement));
    }
    case 'regex': {
      const regex = regexArgument(call, 'g');
      const replacement = toJsReplacement(text(call, REPLACEMENT) ?? '');
      return eachText(call, SOURCE, (source) => source.replace(regex, replacement));
    }
    case 'template': {
      const oldValue = text(call, OLD_VALUE) ?? '';
      const template = text(call, TEMPLATE) ?? '';
      return eachText(call, SOURCE, (source) =>
        oldValue === '' ? template : template.split(oldValue).join(source),
      );
    }
    case 'plain': {
      const oldValue = text(call, OLD_VALUE) ?? '';
      const replacement = text(call, REPLACEMENT) ?? '';
      return eachText(call, SOURCE, (source) =>
        oldValue === '' ? source : source.split(oldValue).join(replacement),
      );
    }
    default:
      return call.fail('cannot tell which replacement to make from the arguments given');
  }
}

function validateReplace(
  args: readonly ArgumentNode[],
  report: (node: ArgumentNode | undefined, message: string) => void,
) {
  const has = (index: number) => args[index] !== undefined && args[index]?.kind !== 'missing';
  if (has(OLD_VALUE) && has(REGEX)) {
    report(args[REGEX], 'Replace takes either oldValue or regexPattern, not both');
    return;
  }
  if (replaceMode(has) === undefined) {
    report(
      undefined,
      'Replace needs oldValue with replacementValue or template, or regexPattern with replacementValue, ' +
        'or regexPattern and regexGroupName with replacementValue or replacementAttributeName',
    );
  }
  const pattern = literalValue(args[REGEX]);
  if (typeof pattern === 'string') {
    try {
      new RegExp(pattern, 'd');
    } catch (error) {
      report(args[REGEX], `invalid regexPattern: ${(error as Error).message}`);
    }
  }
}

/** Characters .NET's ToTitleCase treats as word separators: spaces, controls, punctuation, symbols. */
const TITLE_CASE_SEPARATOR = /[\p{Z}\p{C}\p{P}\p{S}]/u;
const LETTER = /\p{L}/u;

/**
 * .NET `TextInfo.ToTitleCase` on lower-cased text, as Entra's PCase without separators: a letter outside
 * a word starts one; a word runs on through letters, digits, marks and apostrophes ("o'neil" stays one
 * word) until a separator.
 */
function titleCase(source: string): string {
  let result = '';
  let inWord = false;
  for (const character of source.toLowerCase()) {
    if (!inWord && LETTER.test(character)) {
      result += character.toUpperCase();
      inWord = true;
      continue;
    }
    if (inWord && character !== "'" && TITLE_CASE_SEPARATOR.test(character)) inWord = false;
    result += character;
  }
  return result;
}

/** PCase with explicit separators: each run between them gets an upper-case first character. */
function titleCaseWith(source: string, separators: string): string {
  let result = '';
  let atWordStart = true;
  for (const character of source) {
    const separator = separators.includes(character);
    result += atWordStart && !separator ? character.toUpperCase() : character.toLowerCase();
    atWordStart = separator;
  }
  return result;
}

function validateCulture(
  args: readonly ArgumentNode[],
  report: (node: ArgumentNode | undefined, message: string) => void,
) {
  const culture = literalValue(args[1]);
  if (typeof culture !== 'string') return;
  try {
    Intl.getCanonicalLocales(culture);
  } catch {
    report(args[1], `culture ${JSON.stringify(culture)} is not a language tag like "en-US" or "tr-TR"`);
  }
}

function caseConverter(
  name: string,
  convert: (text: string, culture: string | undefined) => string,
): FunctionDefinition {
  return {
    name,
    parameters: [
      { name: 'source', type: 'text' },
      { name: 'culture', type: 'text', optional: true },
    ],
    result: 'string',
    validate: validateCulture,
    evaluate: (call) => {
      const culture = text(call, 1) ?? undefined;
      try {
        return eachText(call, 0, (source) => convert(source, culture));
      } catch (error) {
        if (error instanceof RangeError) call.fail(`culture ${JSON.stringify(culture)} is not known`);
        throw error;
      }
    },
  };
}

export const STRING_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'Append',
    parameters: [
      { name: 'source', type: 'text' },
      { name: 'suffix', type: 'text' },
    ],
    result: 'string',
    evaluate: (call) => {
      const suffix = text(call, 1) ?? '';
      return eachText(call, 0, (source) => source + suffix);
    },
  },
  {
    name: 'CStr',
    parameters: [{ name: 'value', type: 'text' }],
    result: 'string',
    evaluate: (call) => eachText(call, 0, (value) => value),
  },
  {
    name: 'InStr',
    parameters: [
      { name: 'value1', type: 'text' },
      { name: 'value2', type: 'text' },
      { name: 'start', type: 'number', optional: true },
      { name: 'compareType', type: 'number', optional: true },
    ],
    result: 'number',
    validate: (args, report) => {
      const compare = args[3];
      if (compare?.kind === 'name') return;
      const value = literalValue(compare);
      if (value !== undefined && value !== 0 && value !== 1) {
        report(compare, 'compareType is vbBinaryCompare (0) or vbTextCompare (1)');
      }
    },
    evaluate: (call) => {
      const haystack = text(call, 0);
      const needle = text(call, 1);
      if (haystack === null || needle === null) return null;
      const start = call.has(2) ? (integer(call, 2) ?? 1) : 1;
      if (start < 1) call.fail(`start ${start}: positions count from 1`);
      const ignoreCase = call.has(3) && number(call, 3) === 1;
      const where = ignoreCase
        ? haystack.toLowerCase().indexOf(needle.toLowerCase(), start - 1)
        : haystack.indexOf(needle, start - 1);
      return where + 1;
    },
  },
  {
    name: 'Join',
    parameters: [
      { name: 'separator', type: 'text' },
      { name: 'source', type: 'any' },
    ],
    repeat: 1,
    result: 'string',
    evaluate: (call) => {
      const parts: string[] = [];
      for (let i = 1; i < call.count; i++) {
        for (const value of valuesOf(call.arg(i))) {
          const part = textOf(single(call, value));
          // Microsoft's example Join(", ", "", [surname], [givenName]) gives "Doe, John": empties are skipped.
          if (part !== null && part !== '') parts.push(part);
        }
      }
      return parts.join(text(call, 0) ?? '');
    },
  },
  {
    name: 'Left',
    parameters: [
      { name: 'string', type: 'text' },
      { name: 'numChars', type: 'number' },
    ],
    result: 'string',
    evaluate: (call) => {
      const count = integer(call, 1) ?? 0;
      const result = eachText(call, 0, (source) => (count < 0 ? source : source.slice(0, count)));
      return result ?? '';
    },
  },
  {
    name: 'Mid',
    parameters: [
      { name: 'source', type: 'text' },
      { name: 'start', type: 'number' },
      { name: 'length', type: 'number' },
    ],
    result: 'string',
    validate: (args, report) => {
      const start = literalValue(args[1]);
      if (typeof start === 'number' && start < 1) report(args[1], 'Mid positions count from 1');
      const length = literalValue(args[2]);
      if (typeof length === 'number' && length < 0) report(args[2], 'Mid length cannot be negative');
    },
    evaluate: (call) => {
      const start = integer(call, 1) ?? 1;
      const length = integer(call, 2) ?? 0;
      if (start < 1) call.fail(`start ${start}: positions count from 1`);
      if (length < 0) call.fail(`length ${length} is negative`);
      return eachText(call, 0, (source) => source.slice(start - 1, start - 1 + length));
    },
  },
  {
    name: 'NormalizeDiacritics',
    parameters: [{ name: 'source', type: 'text' }],
    result: 'string',
    evaluate: (call) => eachText(call, 0, normalizeDiacritics),
  },
  {
    name: 'PCase',
    parameters: [
      { name: 'source', type: 'text' },
      { name: 'wordSeparators', type: 'text', optional: true },
    ],
    result: 'string',
    evaluate: (call) => {
      const separators = text(call, 1);
      return eachText(call, 0, (source) =>
        separators === null || separators === '' ? titleCase(source) : titleCaseWith(source, separators),
      );
    },
  },
  {
    name: 'Replace',
    parameters: [
      { name: 'source', type: 'text' },
      { name: 'oldValue', type: 'text', optional: true },
      { name: 'regexPattern', type: 'text', optional: true },
      { name: 'regexGroupName', type: 'text', optional: true },
      { name: 'replacementValue', type: 'text', optional: true },
      { name: 'replacementAttributeName', type: 'text', optional: true },
      { name: 'template', type: 'text', optional: true },
    ],
    result: 'string',
    validate: validateReplace,
    evaluate: replace,
  },
  {
    name: 'StripSpaces',
    parameters: [{ name: 'source', type: 'text' }],
    result: 'string',
    evaluate: (call) => eachText(call, 0, (source) => source.replaceAll(' ', '')),
  },
  caseConverter('ToLower', (source, culture) =>
    culture === undefined ? source.toLowerCase() : source.toLocaleLowerCase(culture),
  ),
  caseConverter('ToUpper', (source, culture) =>
    culture === undefined ? source.toUpperCase() : source.toLocaleUpperCase(culture),
  ),
  {
    name: 'Word',
    parameters: [
      { name: 'string', type: 'text' },
      { name: 'wordNumber', type: 'number' },
      { name: 'delimiters', type: 'text' },
    ],
    result: 'string',
    evaluate: (call) => {
      const wanted = integer(call, 1) ?? 0;
      const delimiters = text(call, 2) ?? '';
      const result = eachText(call, 0, (source) => {
        if (wanted < 1) return '';
        const words: string[] = [];
        let word = '';
        for (const character of source) {
          if (!delimiters.includes(character)) {
            word += character;
            continue;
          }
          // Consecutive delimiters do not make empty words: "a,,b" has two.
          if (word !== '') words.push(word);
          word = '';
        }
        if (word !== '') words.push(word);
        return words[wanted - 1] ?? '';
      });
      return result ?? '';
    },
  },
];
