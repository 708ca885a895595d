{#- The last date of the `datepart` the value falls in, as a date: the start of the next one, less a day.
    Written with dbt.dateadd and dbt.date_trunc so that a project's overrides of those apply here too. -#}
{% macro last_day(date, datepart) -%}
  {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}

{% macro default__last_day(date, datepart) -%}
  cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}
