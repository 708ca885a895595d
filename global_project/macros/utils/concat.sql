{#- Null if any part is null, as dbt documents (DuckDB's concat() would skip nulls; its || does not). -#}
{% macro concat(fields) -%}
  {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}

{% macro default__concat(fields) -%}
  {{ fields | join(' || ') }}
{%- endmacro %}

{% macro spark__concat(fields) -%}
  concat({{ fields | join(', ') }})
{%- endmacro %}
