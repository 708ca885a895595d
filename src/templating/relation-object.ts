/**
 * What `ref()`, `source()` and `this` return in a template: dbt's Relation, rendered as the warehouse's
 * quoted name, with the attributes and methods templates use (`.identifier`, `.schema`, `.include()`).
 */
import type { Relation, SqlDialect } from '../warehouse/warehouse.js';
import { PY_MAPPING } from './python-values.js';

/** Canonical names are never quoted: they only feed fingerprints. */
const CANONICAL_DIALECT = { quoteIdentifier: (name: string) => name, relationName: (relation: Relation) => relation.identifier } as unknown as SqlDialect;

export class RelationObject {
  /** dbt's Relation is a Mapping: `relation is mapping` holds, and dbt_utils checks `relation.get('metadata')`. */
  readonly [PY_MAPPING] = true;
  readonly database: string | undefined;
  readonly schema: string;
  readonly identifier: string;
  readonly type: string | undefined;
  private readonly parts: { database: boolean; schema: boolean; identifier: boolean };

  constructor(
    relation: Relation,
    private readonly dialect: SqlDialect,
    type?: string,
    parts = { database: true, schema: true, identifier: true },
  ) {
    this.database = relation.database;
    this.schema = relation.schema;
    this.identifier = relation.identifier;
    this.type = type;
    this.parts = parts;
  }

  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return false;
  }

  toRelation(): Relation {
    return { database: this.database, schema: this.schema, identifier: this.identifier };
  }

  include(options: Partial<Record<'database' | 'schema' | 'identifier', boolean>> = {}): RelationObject {
    return new RelationObject(this.toRelation(), this.dialect, this.type, {
      database: options.database ?? this.parts.database,
      schema: options.schema ?? this.parts.schema,
      identifier: options.identifier ?? this.parts.identifier,
    });
  }

  incorporate(options: { path?: Partial<Relation>; type?: string } = {}): RelationObject {
    return new RelationObject({ ...this.toRelation(), ...(options.path ?? {}) }, this.dialect, options.type ?? this.type, this.parts);
  }

  render(): string {
    return this.toString();
  }

  /** `relation.get(key, default)`: its attributes, and `metadata` as dbt gives it (the class name). */
  get(key: unknown, fallback: unknown = null): unknown {
    if (key === 'metadata') return { type: `${this.dialect.name === 'databricks' ? 'Databricks' : this.dialect.name === 'duckdb' ? 'DuckDB' : ''}Relation` };
    const name = String(key);
    if (name === 'path') return this.path;
    if (name in this && !name.startsWith('_') && typeof (this as unknown as Record<string, unknown>)[name] !== 'function') return (this as unknown as Record<string, unknown>)[name];
    return fallback;
  }

  get path(): Record<string, string | null> {
    return { database: this.database ?? null, schema: this.schema || null, identifier: this.identifier || null };
  }
  get quote_policy(): Record<string, boolean> {
    return { database: true, schema: true, identifier: true };
  }
  get include_policy(): Record<string, boolean> {
    return { ...this.parts };
  }
  get is_materialized_view(): boolean {
    return false;
  }

  /** Quoting is the dialect's: every part is always quoted, so asking changes nothing. */
  quote(): RelationObject {
    return this;
  }

  without_identifier(): RelationObject {
    return this.include({ identifier: false });
  }

  replace_path(options: Partial<Relation> = {}): RelationObject {
    return this.incorporate({ path: options });
  }

  /** Relations are hashable in dbt: they may be dict keys (`{relation: []}`), one per rendered name. */
  __hash_key__(): string {
    return `relation:${this.toString()}`;
  }

  /** dbt compares relations by value. */
  __eq__(other: unknown): boolean {
    return other instanceof RelationObject && other.toString() === this.toString() && other.constructor === this.constructor;
  }

  toString(): string {
    const names: string[] = [];
    if (this.parts.database && this.database) names.push(this.dialect.quoteIdentifier(this.database));
    if (this.parts.schema && this.schema) names.push(this.dialect.quoteIdentifier(this.schema));
    if (this.parts.identifier) names.push(this.dialect.quoteIdentifier(this.identifier));
    return names.join('.');
  }
}

/** An ephemeral model, referenced by the name of the CTE it becomes. */
export class CteRelation extends RelationObject {
  constructor(
    readonly cteName: string,
    relation: Relation,
    dialect: SqlDialect,
  ) {
    super(relation, dialect, 'cte');
  }
  override get is_cte(): boolean {
    return true;
  }
  override toString(): string {
    return this.cteName;
  }
}

/**
 * A DuckDB source read straight from files (dbt-duckdb's `external_location` in a source's meta or
 * config): `source()` renders the location — a quoted path DuckDB scans, or a function call as written.
 */
export class ExternalRelation extends RelationObject {
  constructor(
    readonly location: string,
    relation: Relation,
    dialect: SqlDialect,
  ) {
    super(relation, dialect, 'external');
  }
  override toString(): string {
    return this.location;
  }
}

/** A relation as fingerprints see it: a stable name instead of where it happens to be built. */
export class CanonicalName extends RelationObject {
  constructor(readonly canonical: string) {
    super({ schema: '', identifier: canonical }, CANONICAL_DIALECT);
  }
  override include(): RelationObject {
    return this;
  }
  override incorporate(): RelationObject {
    return this;
  }
  override toString(): string {
    return this.canonical;
  }
}
