/**
 * What `ref()`, `source()` and `this` return in a template: dbt's Relation, rendered as the warehouse's
 * quoted name, with the attributes and methods templates use (`.identifier`, `.schema`, `.include()`).
 */
import type { Relation, SqlDialect } from '../warehouse/warehouse.js';

/** Canonical names are never quoted: they only feed fingerprints. */
const CANONICAL_DIALECT = { quoteIdentifier: (name: string) => name, relationName: (relation: Relation) => relation.identifier } as unknown as SqlDialect;

export class RelationObject {
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
