{#- SAP writes dates as YYYYMMDD text and times as HHMMSS; 00000000 means no date. -#}
{% macro sap_date(column) -%}
    {{ return(adapter.dispatch('sap_date', 'airline')(column)) }}
{%- endmacro %}

{% macro default__sap_date(column) -%}
    cast(strptime(nullif(trim({{ column }}), '00000000'), '%Y%m%d') as date)
{%- endmacro %}

{% macro sap_timestamp(date_column, time_column) -%}
    {{ return(adapter.dispatch('sap_timestamp', 'airline')(date_column, time_column)) }}
{%- endmacro %}

{% macro default__sap_timestamp(date_column, time_column) -%}
    strptime(trim({{ date_column }}) || trim({{ time_column }}), '%Y%m%d%H%M%S')
{%- endmacro %}
