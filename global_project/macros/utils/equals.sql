{#- `expr1 = expr2`; with dbt's behaviour flag enable_truthy_nulls_equals_macro, two nulls are equal too. -#}
{% macro equals(expr1, expr2) -%}
  {{ return(adapter.dispatch('equals', 'dbt')(expr1, expr2)) }}
{%- endmacro %}

{% macro default__equals(expr1, expr2) -%}
  {%- set behavior = adapter.behavior if adapter.behavior is defined else none -%}
  {%- if behavior and behavior.enable_truthy_nulls_equals_macro and behavior.enable_truthy_nulls_equals_macro.no_warn -%}
    ({{ expr1 }} is not distinct from {{ expr2 }})
  {%- else -%}
    ({{ expr1 }} = {{ expr2 }})
  {%- endif -%}
{%- endmacro %}
