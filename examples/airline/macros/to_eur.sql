{#- Converts an amount in the given currency to euros, rounded to cents, at fixed bookkeeping rates. -#}
{% macro to_eur(amount, currency) -%}
    {{ return(adapter.dispatch('to_eur', 'airline')(amount, currency)) }}
{%- endmacro %}

{% macro default__to_eur(amount, currency) -%}
    {#- Euros per unit of each currency. Integers and two-decimal rates render the same everywhere. -#}
    {%- set eur_per_unit = {'EUR': 1, 'USD': 0.92, 'GBP': 1.17, 'CHF': 1.05} -%}
    case {{ currency }}
        {%- for code, rate in eur_per_unit.items() %}
        when '{{ code }}' then cast({{ amount }} * {{ rate }} as decimal(18, 2))
        {%- endfor %}
    end
{%- endmacro %}
