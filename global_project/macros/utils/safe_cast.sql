{#- dbt documents safe_cast as a cast that yields null instead of failing where the warehouse can:
    both of ours can, with try_cast. -#}
{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
  cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
  try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
  try_cast({{ field }} as {{ type }})
{%- endmacro %}
