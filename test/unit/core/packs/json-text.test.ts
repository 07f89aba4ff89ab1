import { describe, expect, it } from 'vitest';
import { findDuplicateKey, findExcessNesting, lineColumnAt, locateJsonError } from '../../../../electron/core/packs/json-text.js';

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

describe('duplicate keys', () => {
  it('finds the first key given twice in one object, with its path, however it is spelled', () => {
    expect(findDuplicateKey('{"a":{"b":[1,{"c":1,"d":{"x":"\\"}"},"c":2}]}}')).toEqual({ path: ['a', 'b', 1, 'c'], key: 'c', offset: 36 });
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toMatchObject({ path: ['a'], key: 'a' });
    expect(findDuplicateKey('[{"a":1},{"a":2},{"b":[{"a":1,"b":2}],"a\\\\":3,"a\\\\":3}]')).toMatchObject({ path: [2, 'a\\'] });
  });

  it('lets the same key appear in different objects, and values equal to keys', () => {
    expect(findDuplicateKey('[{"id":"id"},{"id":"id","x":{"id":1}}]')).toBeNull();
    expect(findDuplicateKey('{"a":"\\"a\\":","b":["a","a"]}')).toBeNull();
  });
});
