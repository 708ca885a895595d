{% macro statement(name=None, fetch_result=False, auto_begin=True, language='sql') -%}
  {%- if execute -%}
    {%- set sql = caller() -%}
    {%- do __sluice_statement(name, sql, fetch_result) -%}
  {%- endif -%}
{%- endmacro %}

{% macro noop_statement(name=None, message=None, code=None, rows_affected=None, res=None) -%}
  {%- set sql = caller() -%}
  {%- do __sluice_store_result(name, sql, res) -%}
{%- endmacro %}
