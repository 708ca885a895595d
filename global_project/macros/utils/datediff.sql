{#- How many `datepart` boundaries lie between the two values (second minus first): from Jan 31 to
    Feb 1 is one month. Weeks follow each adapter: dbt-duckdb counts Sundays crossed, dbt-databricks
    Mondays (its date_trunc('week')). -#}
{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
  datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro duckdb__datediff(first_date, second_date, datepart) -%}
  {%- set unit = datepart | string | lower | trim -%}
  {%- if unit == 'week' -%}
    {#- DuckDB's own week difference counts whole weeks; a day's shift makes its Monday weeks start on Sunday. -#}
    (date_diff('day', date_trunc('week', cast({{ first_date }} as date) + 1), date_trunc('week', cast({{ second_date }} as date) + 1)) // 7)
  {%- else -%}
    date_diff('{{ unit }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
  {%- endif -%}
{%- endmacro %}

{% macro databricks__datediff(first_date, second_date, datepart) -%}
  {#- timestampdiff counts whole elapsed units; truncating both ends first makes it count boundaries. -#}
  {%- set unit = datepart | string | trim | upper -%}
  timestampdiff({{ unit }}, date_trunc('{{ unit }}', {{ first_date }}), date_trunc('{{ unit }}', {{ second_date }}))
{%- endmacro %}
