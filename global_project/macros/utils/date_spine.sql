{#- How many `datepart` boundaries lie between two dates, asked of the warehouse (1 while parsing). -#}
{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {%- call statement('get_intervals_between', fetch_result=True) -%}
    select {{ dbt.datediff(start_date, end_date, datepart) }} as intervals_between
  {%- endcall -%}
  {%- set result = load_result('get_intervals_between') -%}
  {%- if result and result['data'] -%}
    {{ return(result['data'][0][0] | int) }}
  {%- else -%}
    {{ return(1) }}
  {%- endif -%}
{%- endmacro %}

{#- One row per `datepart` from start_date up to, not including, end_date, in a column date_<datepart>. -#}
{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
with date_spine_numbers as (
  {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}
),
date_spine_periods as (
  select {{ dbt.dateadd(datepart, 'generated_number - 1', start_date) }} as date_{{ datepart }}
  from date_spine_numbers
)
select date_{{ datepart }}
from date_spine_periods
where date_{{ datepart }} <= {{ end_date }}
{%- endmacro %}
