{#- An array of the inputs (SQL expressions of one type); an empty one is typed `data_type` (integer by default). -#}
{% macro array_construct(inputs=[], data_type=none) -%}
  {{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type or dbt.type_int())) }}
{%- endmacro %}

{% macro default__array_construct(inputs, data_type) -%}
  {%- if inputs | length > 0 -%}array[{{ inputs | join(', ') }}]{%- else -%}cast(array[] as {{ data_type }}[]){%- endif -%}
{%- endmacro %}

{% macro duckdb__array_construct(inputs, data_type) -%}
  {%- if inputs | length > 0 -%}[{{ inputs | join(', ') }}]{%- else -%}cast([] as {{ data_type }}[]){%- endif -%}
{%- endmacro %}

{% macro spark__array_construct(inputs, data_type) -%}
  {%- if inputs | length > 0 -%}array({{ inputs | join(', ') }}){%- else -%}cast(array() as array<{{ data_type }}>){%- endif -%}
{%- endmacro %}
