{#- The 1-based position of the first occurrence, 0 when absent. -#}
{% macro position(substring_text, string_text) -%}
  {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}

{% macro default__position(substring_text, string_text) -%}
  position({{ substring_text }} in {{ string_text }})
{%- endmacro %}

{% macro spark__position(substring_text, string_text) -%}
  locate({{ substring_text }}, {{ string_text }})
{%- endmacro %}
