{#- `from_date_or_timestamp` plus `interval` units of `datepart`, as a timestamp on both warehouses.
    Month, quarter and year steps land on the last day of a shorter month (Jan 31 + 1 month = Feb 29). -#}
{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
  dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
  {#- DuckDB has no quarter interval, and an interval's count must be a literal: multiply a unit interval. -#}
  {%- set unit = datepart | string | lower | trim -%}
  {%- set step = {'quarter': ['month', 3], 'week': ['day', 7]}.get(unit, [unit, 1]) -%}
  ({{ from_date_or_timestamp }} + cast({{ interval }} as bigint){% if step[1] != 1 %} * {{ step[1] }}{% endif %} * interval 1 {{ step[0] }})
{%- endmacro %}

{% macro databricks__dateadd(datepart, interval, from_date_or_timestamp) -%}
  {#- timestampadd takes its unit as a keyword: a quoted unit is an error on Databricks. -#}
  timestampadd({{ datepart | string | trim | upper }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
