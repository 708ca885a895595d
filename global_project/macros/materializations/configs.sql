{#- Whether a test keeps its failing rows: its store_failures config, else the --store-failures flag. -#}
{% macro should_store_failures() -%}
  {%- set configured = config.get('store_failures') -%}
  {%- if configured is none -%}
    {%- set configured = flags.STORE_FAILURES -%}
  {%- endif -%}
  {{ return(configured) }}
{%- endmacro %}
