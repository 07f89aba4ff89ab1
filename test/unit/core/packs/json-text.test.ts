import { describe, expect, it } from 'vitest';
import { findExcessNesting, lineColumnAt, locateJsonError } from '../../../../electron/core/packs/json-text.js';

const where = (text: string) => {
  const { offset, reason } = locateJsonError(text);
  return { ...lineColumnAt(text, offset), reason };
};

describe('JSON error location', () => {
  it('names the place and the reason of common mistakes', () => {
    expect(where('{"a": 1,\n  }')).toEqual({ line: 2, column: 3, reason: "Unexpected '}' after a trailing comma" });
    expect(where('{"a": 1\n "b": 2}')).toEqual({ line: 2, column: 2, reason: "Unexpected '\"' (expected ',' or '}')" });
    expect(where("{'a': 1}")).toEqual({ line: 1, column: 2, reason: "Unexpected ''' (expected a property name in double quotes)" });
    expect(where('[1, 2')).toMatchObject({ line: 1, column: 6, reason: "Unexpected end of file (expected ',' or ']')" });
    expect(where('{"a": "line\nbreak"}').reason).toBe('Unexpected line break inside a string (missing closing ")');
    expect(where('{"a": tru}').reason).toBe("Unexpected '}'");
    expect(where('{"a": "\\q"}').reason).toBe('Bad escape "\\q" in a string');
    expect(where('{} x').reason).toBe("Unexpected 'x' after the end of the data");
  });

  it('measures nesting outside strings only', () => {
    expect(findExcessNesting('[[["[[[[[["]]]', 3)).toBe(-1);
    expect(findExcessNesting('[[[[]]]]', 3)).toBe(3);
    expect(findExcessNesting('{"a": "\\"[[[["}', 1)).toBe(-1);
  });
});
