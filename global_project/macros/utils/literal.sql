{#- As in dbt, the value goes in as written: callers escape quotes with escape_single_quotes. -#}
{%- macro string_literal(value) -%}
  {{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}
{%- endmacro -%}

{%- macro default__string_literal(value) -%}
  '{{ value }}'
{%- endmacro -%}
