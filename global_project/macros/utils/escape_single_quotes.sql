{#- Text to put between single quotes. Standard SQL doubles a quote; Spark SQL reads '' as two adjacent
    literals (so 'it''s' is "its") and wants a backslash instead. Like dbt, only quotes are escaped. -#}
{% macro escape_single_quotes(expression) -%}
  {{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__escape_single_quotes(expression) -%}
  {{ expression | replace("'", "''") }}
{%- endmacro %}

{% macro spark__escape_single_quotes(expression) -%}
  {{ expression | replace("'", "\\'") }}
{%- endmacro %}
