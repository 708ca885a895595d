{#- The current time, as each adapter gives it: DuckDB's now() (with time zone), Spark's current_timestamp(). -#}
{%- macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro -%}

{% macro default__current_timestamp() -%}
  {{ exceptions.raise_not_implemented('current_timestamp macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro duckdb__current_timestamp() -%}
  now()
{%- endmacro %}

{% macro spark__current_timestamp() -%}
  current_timestamp()
{%- endmacro %}

{#- What snapshots record as the time of a change: a timestamp without time zone. -#}
{%- macro snapshot_get_time() -%}
  {{ return(adapter.dispatch('snapshot_get_time', 'dbt')()) }}
{%- endmacro -%}

{% macro default__snapshot_get_time() -%}
  {{ dbt.current_timestamp() }}
{%- endmacro %}

{% macro duckdb__snapshot_get_time() -%}
  cast({{ dbt.current_timestamp() }} as timestamp)
{%- endmacro %}

{#- Deprecated in dbt, kept for packages that moved off dbt_utils.current_timestamp(). -#}
{% macro current_timestamp_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_backcompat() -%}
  cast(current_timestamp as timestamp)
{%- endmacro %}

{% macro spark__current_timestamp_backcompat() -%}
  current_timestamp()
{%- endmacro %}

{% macro current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro duckdb__current_timestamp_in_utc_backcompat() -%}
  cast(current_timestamp at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__current_timestamp_in_utc_backcompat() -%}
  to_utc_timestamp(current_timestamp(), current_timezone())
{%- endmacro %}
