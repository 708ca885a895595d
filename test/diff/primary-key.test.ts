import { describe, expect, it } from '@jest/globals';
import { primaryKeyFor } from '../../src/diff/primary-key.js';

describe('primaryKeyFor', () => {
  const tested = [
    { column: 'name', tests: ['not_null'] },
    { column: 'order_id', tests: ['unique', 'not_null'] },
    { column: 'other_id', tests: ['not_null', 'unique'] },
  ];

  it('takes unique_key first: a column, a list, or a comma-separated list', () => {
    expect(primaryKeyFor({ uniqueKey: 'id', meta: { primary_key: 'other' }, columnTests: tested })).toEqual({ columns: ['id'], source: 'unique_key' });
    expect(primaryKeyFor({ uniqueKey: ['region', 'id'] })).toEqual({ columns: ['region', 'id'], source: 'unique_key' });
    expect(primaryKeyFor({ uniqueKey: 'region, id' })).toEqual({ columns: ['region', 'id'], source: 'unique_key' });
    expect(primaryKeyFor({ uniqueKey: '"Order Id"' })).toEqual({ columns: ['Order Id'], source: 'unique_key' });
  });

  it('then meta.primary_key, a column or a list', () => {
    expect(primaryKeyFor({ meta: { primary_key: 'customer_id' }, columnTests: tested })).toEqual({ columns: ['customer_id'], source: 'meta.primary_key' });
    expect(primaryKeyFor({ meta: { primary_key: ['a', 'b'] } })).toEqual({ columns: ['a', 'b'], source: 'meta.primary_key' });
  });

  it('then the first column with both unique and not_null tests', () => {
    expect(primaryKeyFor({ columnTests: tested })).toEqual({ columns: ['order_id'], source: 'tests' });
    expect(primaryKeyFor({ columnTests: [{ column: 'id', tests: ['dbt.unique', 'dbt.not_null'] }] })).toEqual({ columns: ['id'], source: 'tests' });
  });

  it('skips a unique_key that is an expression rather than columns', () => {
    expect(primaryKeyFor({ uniqueKey: "id || '-' || day", columnTests: tested })).toEqual({ columns: ['order_id'], source: 'tests' });
  });

  it('finds none in a model with no key and no tests', () => {
    expect(primaryKeyFor({})).toBeNull();
    expect(primaryKeyFor({ uniqueKey: '', meta: { primary_key: [] }, columnTests: [{ column: 'id', tests: ['unique'] }] })).toBeNull();
  });
});
