{#- The relation as it exists in the warehouse (with its type), or none: dbt-utils calls this by bare name. -#}
{% macro load_cached_relation(relation) -%}
  {{ return(adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier)) }}
{%- endmacro %}

{% macro load_relation(relation) -%}
  {{ return(load_cached_relation(relation)) }}
{%- endmacro %}
