/**
 * What `adapter.get_columns_in_relation()` returns and `api.Column.create()` makes: dbt's Column, with the
 * attributes and type questions packages ask of it (`col.column`, `col.is_string()`, `col.string_size()`,
 * `col.data_type`), answered for the warehouse's type names.
 */
import type { SqlDialect } from '../warehouse/warehouse.js';

const STRING_TYPES = new Set(['text', 'character varying', 'character', 'varchar', 'char', 'string', 'bpchar', 'nvarchar']);
const FLOAT_TYPES = new Set(['real', 'float4', 'float', 'double precision', 'float8', 'double']);
const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint', 'smallserial', 'serial', 'bigserial', 'int2', 'int4', 'int8', 'int', 'tinyint', 'hugeint', 'ubigint', 'uinteger', 'usmallint', 'utinyint', 'long', 'short', 'byte']);
const NUMERIC_TYPES = new Set(['numeric', 'decimal', 'dec']);

/** dbt's labels that `Column.create(name, label)` translates. */
const TYPE_LABELS: Record<string, string> = { STRING: 'TEXT', TIMESTAMP: 'TIMESTAMP', FLOAT: 'FLOAT', INTEGER: 'INT', BOOLEAN: 'BOOLEAN', NUMERIC: 'NUMERIC' };

export class ColumnObject {
  readonly column: string;
  readonly dtype: string;
  readonly char_size: number | null;
  readonly numeric_precision: number | null;
  readonly numeric_scale: number | null;

  /** `rawType` as the warehouse describes it: `VARCHAR(20)`, `DECIMAL(18,3)`, `string`, `array<int>`. */
  constructor(
    name: string,
    rawType: string,
    private readonly dialect: SqlDialect,
  ) {
    this.column = name;
    const sized = /^\s*([A-Za-z][A-Za-z0-9 _]*?)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)\s*$/.exec(rawType);
    if (sized) {
      this.dtype = sized[1];
      const base = sized[1].toLowerCase();
      this.char_size = STRING_TYPES.has(base) ? Number(sized[2]) : null;
      this.numeric_precision = STRING_TYPES.has(base) ? null : Number(sized[2]);
      this.numeric_scale = sized[3] === undefined ? (STRING_TYPES.has(base) ? null : 0) : Number(sized[3]);
    } else {
      this.dtype = rawType;
      this.char_size = null;
      this.numeric_precision = null;
      this.numeric_scale = null;
    }
  }

  static create(name: string, labelOrType: string, dialect: SqlDialect): ColumnObject {
    return new ColumnObject(name, ColumnObject.translateType(labelOrType, dialect), dialect);
  }

  /** `Column.translate_type`: dbt's labels to the adapter's names (Databricks keeps the name, lower-cased). */
  static translateType(labelOrType: string, dialect: SqlDialect): string {
    const text = String(labelOrType);
    return dialect.name === 'databricks' ? text.toLowerCase() : (TYPE_LABELS[text.toUpperCase()] ?? text);
  }

  /** `Column.string_type(size)`. */
  static stringType(size: number, dialect: SqlDialect): string {
    return dialect.name === 'databricks' ? 'string' : `character varying(${size})`;
  }

  /** `Column.numeric_type(dtype, precision, scale)`. */
  static numericType(dtype: string, precision: number | null, scale: number | null, dialect: SqlDialect): string {
    if (precision === null || precision === undefined || scale === null || scale === undefined) return dtype;
    return `${dialect.name === 'databricks' ? 'decimal' : dtype}(${precision},${scale})`;
  }

  get name(): string {
    return this.column;
  }

  get quoted(): string {
    return this.dialect.quoteIdentifier(this.column);
  }

  /** dbt's data_type: on Databricks the type as described; elsewhere a sized string or numeric type. */
  get data_type(): string {
    if (this.dialect.name === 'databricks') return this.dtype + (this.numeric_precision !== null ? `(${this.numeric_precision},${this.numeric_scale ?? 0})` : '');
    if (this.is_string()) return this.string_type(this.string_size());
    if (this.is_numeric()) return this.numeric_type(this.dtype, this.numeric_precision, this.numeric_scale);
    return this.dtype;
  }

  private base(): string {
    return this.dtype.toLowerCase();
  }

  is_string(): boolean {
    return STRING_TYPES.has(this.base());
  }

  is_float(): boolean {
    return FLOAT_TYPES.has(this.base());
  }

  is_integer(): boolean {
    return INTEGER_TYPES.has(this.base());
  }

  is_numeric(): boolean {
    return NUMERIC_TYPES.has(this.base());
  }

  is_number(): boolean {
    return this.is_float() || this.is_integer() || this.is_numeric();
  }

  string_size(): number {
    if (!this.is_string()) throw new Error(`Called string_size() on non-string field ${this.column}`);
    return this.char_size ?? 256;
  }

  can_expand_to(other: ColumnObject): boolean {
    return this.is_string() && other.is_string() && this.string_size() < other.string_size();
  }

  string_type(size: number): string {
    return ColumnObject.stringType(size, this.dialect);
  }

  numeric_type(dtype: string, precision: number | null, scale: number | null): string {
    return ColumnObject.numericType(dtype, precision, scale, this.dialect);
  }

  literal(value: unknown): string {
    return this.dialect.name === 'databricks' ? `cast(${String(value)} as ${this.data_type})` : `${String(value)}::${this.data_type}`;
  }

  __repr__(): string {
    return `<Column ${this.column} (${this.data_type})>`;
  }

  toString(): string {
    return this.__repr__();
  }
}
