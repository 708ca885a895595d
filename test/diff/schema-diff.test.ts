import { describe, expect, it } from '@jest/globals';
import { comparableTypes, normaliseType, typeFamily } from '../../src/diff/column-types.js';
import { schemaDiff } from '../../src/diff/schema-diff.js';

const columns = (spec: string) =>
  spec.split(';').map((part) => {
    const [name, ...type] = part.trim().split(' ');
    return { name, type: type.join(' ') };
  });

describe('schemaDiff', () => {
  it('lists added, removed and retyped columns', () => {
    const diff = schemaDiff(columns('id INTEGER; name VARCHAR; price DECIMAL(10,2); legacy VARCHAR'), columns('id INTEGER; name VARCHAR; price DOUBLE; region VARCHAR'));
    expect(diff).toEqual({ added: ['region'], removed: ['legacy'], changed: [{ column: 'price', from: 'DECIMAL(10,2)', to: 'DOUBLE' }], reordered: [] });
  });

  it('sees no change in columns that differ only in case, or types only in case and spacing', () => {
    const diff = schemaDiff(columns('ID INTEGER; Amount DECIMAL(18, 2); tags STRUCT(a INTEGER)'), columns('id integer; amount decimal(18,2); TAGS struct( a  integer )'));
    expect(diff).toEqual({ added: [], removed: [], changed: [], reordered: [] });
  });

  it('reports the columns that moved, not every column they pushed along', () => {
    const base = columns('a INT; b INT; c INT; d INT; e INT');
    expect(schemaDiff(base, columns('e INT; a INT; b INT; c INT; d INT')).reordered).toEqual(['e']);
    expect(schemaDiff(base, columns('a INT; c INT; d INT; b INT; e INT')).reordered).toEqual(['b']);
    expect(schemaDiff(columns('a INT; b INT'), columns('b INT; a INT')).reordered).toHaveLength(1);
  });

  it('does not call a column moved because others were added or removed around it', () => {
    const diff = schemaDiff(columns('a INT; b INT; c INT'), columns('new INT; a INT; c INT; other INT'));
    expect(diff).toEqual({ added: ['new', 'other'], removed: ['b'], changed: [], reordered: [] });
  });
});

describe('column types', () => {
  it('spells a type one way', () => {
    expect(normaliseType('  DECIMAL( 18 , 2 ) ')).toBe('decimal(18,2)');
    expect(normaliseType('ARRAY< STRUCT<a: INT> >')).toBe('array<struct<a:int>>');
  });

  it('knows the families of both warehouses’ type names', () => {
    expect(['INTEGER', 'bigint', 'int', 'HUGEINT', 'smallint'].map(typeFamily)).toEqual(['integer', 'integer', 'integer', 'integer', 'integer']);
    expect(['DECIMAL(18,2)', 'decimal(38,0)', 'NUMERIC'].map(typeFamily)).toEqual(['decimal', 'decimal', 'decimal']);
    expect(['DOUBLE', 'float', 'REAL'].map(typeFamily)).toEqual(['float', 'float', 'float']);
    expect(['VARCHAR', 'string', 'varchar(10)', 'char(2)'].map(typeFamily)).toEqual(['text', 'text', 'text', 'text']);
    expect(['DATE', 'TIMESTAMP', 'timestamp_ntz', 'TIMESTAMP WITH TIME ZONE'].map(typeFamily)).toEqual(['temporal', 'temporal', 'temporal', 'temporal']);
    expect(['INTEGER[]', 'map<string,int>', 'UUID', 'BLOB'].map(typeFamily)).toEqual(['other', 'other', 'other', 'other']);
  });

  it('compares numbers with numbers and texts with texts, anything else only with its own type', () => {
    expect(comparableTypes('INTEGER', 'DOUBLE')).toBe(true);
    expect(comparableTypes('VARCHAR', 'string')).toBe(true);
    expect(comparableTypes('DATE', 'TIMESTAMP')).toBe(true);
    expect(comparableTypes('INTEGER', 'VARCHAR')).toBe(false);
    expect(comparableTypes('BOOLEAN', 'INTEGER')).toBe(false);
    expect(comparableTypes('INTEGER[]', 'INTEGER[]')).toBe(true);
    expect(comparableTypes('INTEGER[]', 'VARCHAR[]')).toBe(false);
  });
});
