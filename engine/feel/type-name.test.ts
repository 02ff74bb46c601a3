import { describe, expect, it } from 'vitest';
import { feelTypeName } from './index.js';

describe('feelTypeName', () => {
  it('names JSON values as Zeebe does in incident messages', () => {
    // given
    const values: unknown[] = [null, undefined, true, 1.5, 'x', [1], { a: 1 }];

    // when
    const names = values.map(feelTypeName);

    // then
    expect(names).toEqual(['NULL', 'NULL', 'BOOLEAN', 'NUMBER', 'STRING', 'ARRAY', 'OBJECT']);
  });

  it('does not take a function or class instance for an object', () => {
    // given
    const values: unknown[] = [() => 1, new Map()];

    // when
    const names = values.map(feelTypeName);

    // then
    expect(names).toEqual(['UNKNOWN', 'UNKNOWN']);
  });
});
