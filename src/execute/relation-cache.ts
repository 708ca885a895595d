/**
 * What relations exist, listed once per schema for a run (as dbt's relation cache does) instead of asked
 * one relation at a time: in a big project, per-relation introspection grows with the project.
 */
import type { Relation, RelationType, Warehouse } from '../warehouse/warehouse.js';

export class RelationCache {
  private readonly schemas = new Map<string, Promise<Map<string, RelationType>>>();

  constructor(private readonly warehouse: Warehouse) {}

  private schemaKey(relation: Relation): string {
    return `${relation.database ?? ''}.${relation.schema}`.toLowerCase();
  }

  private listing(relation: Relation): Promise<Map<string, RelationType>> {
    const key = this.schemaKey(relation);
    let listing = this.schemas.get(key);
    if (!listing) {
      listing = this.warehouse
        .listRelations(relation.database, relation.schema)
        .then((relations) => new Map(relations.map((item) => [item.identifier.toLowerCase(), item.type])));
      this.schemas.set(key, listing);
    }
    return listing;
  }

  async type(relation: Relation): Promise<RelationType | null> {
    return (await this.listing(relation)).get(relation.identifier.toLowerCase()) ?? null;
  }

  /** Records what a statement this run sent did to a relation. */
  async set(relation: Relation, type: RelationType | null): Promise<void> {
    const listing = await this.listing(relation);
    if (type) listing.set(relation.identifier.toLowerCase(), type);
    else listing.delete(relation.identifier.toLowerCase());
  }
}
