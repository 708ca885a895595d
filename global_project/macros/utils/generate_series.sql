{#- The smallest n with 2^n >= upper_bound: how many binary digits count up to it. -#}
{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}

{% macro default__get_powers_of_two(upper_bound) -%}
  {%- if upper_bound <= 0 -%}
    {{ exceptions.raise_compiler_error("get_powers_of_two: the upper bound must be positive, got " ~ upper_bound) }}
  {%- endif -%}
  {%- for power in range(1, 65) -%}
    {%- if 2 ** power >= upper_bound -%}{{ return(power) }}{%- endif -%}
  {%- endfor -%}
  {{ exceptions.raise_compiler_error("get_powers_of_two: " ~ upper_bound ~ " is beyond 2^64") }}
{%- endmacro %}

{#- A query of one column, generated_number, holding 1 to upper_bound. -#}
{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}

{% macro default__generate_series(upper_bound) -%}
  {#- Portable: one two-row relation per binary digit, cross-joined, each row a sum of powers of two. -#}
  {%- set digits = dbt.get_powers_of_two(upper_bound) -%}
  select generated_number from (
    select {% for digit in range(digits) %}binary_digit_{{ digit }}.bit * {{ 2 ** digit }} + {% endfor %}1 as generated_number
    from {% for digit in range(digits) %}(select 0 as bit union all select 1) as binary_digit_{{ digit }}{% if not loop.last %} cross join {% endif %}{% endfor %}
  ) as series
  where generated_number <= {{ upper_bound }}
{%- endmacro %}

{% macro duckdb__generate_series(upper_bound) -%}
  select generate_series as generated_number from generate_series(1, {{ upper_bound }})
{%- endmacro %}

{% macro spark__generate_series(upper_bound) -%}
  {#- Spark's sequence(1, 0) counts down to 0: start no lower than 1, then keep what is in range. -#}
  select generated_number from (select explode(sequence(1, greatest({{ upper_bound }}, 1))) as generated_number) as series
  where generated_number <= {{ upper_bound }}
{%- endmacro %}
