{#- The non-null values of `measure` in a group joined by `delimiter_text` (an SQL string, "','" by
    default), in the order of `order_by_clause` ("order by x desc") if given, at most `limit_num` of
    them if given; null when the group has none. -#}
{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  {%- if limit_num -%}
    {{ exceptions.raise_compiler_error("listagg with limit_num is not implemented for adapter " ~ adapter.type()) }}
  {%- endif -%}
  listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}

{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  {%- set ordering = ' ' ~ order_by_clause if order_by_clause else '' -%}
  {%- if limit_num -%}
    array_to_string(list_slice(list({{ measure }}{{ ordering }}) filter (where ({{ measure }}) is not null), 1, {{ limit_num }}), {{ delimiter_text }})
  {%- else -%}
    string_agg({{ measure }}, {{ delimiter_text }}{{ ordering }})
  {%- endif -%}
{%- endmacro %}

{% macro databricks__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  {%- if not limit_num -%}
    listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
  {%- else -%}
    {#- listagg has no limit and collect_list no order: collect (sort keys, value) structs, sort them,
        keep the first values. sort_array takes one direction for all keys. -#}
    {%- set keys = dbt._listagg_sort_keys(order_by_clause) if order_by_clause else [] -%}
    {%- set directions = keys | map(attribute='descending') | unique | list -%}
    {%- if directions | length > 1 -%}
      {{ exceptions.raise_compiler_error("listagg with limit_num on Databricks sorts every key the same way; got: " ~ order_by_clause) }}
    {%- endif -%}
    {%- if keys -%}
      {%- set fields = [] -%}
      {%- for key in keys -%}{%- do fields.append("'sort_key_" ~ loop.index ~ "', " ~ key.expression) -%}{%- endfor -%}
      {%- set collected -%}
        transform(sort_array(collect_list(named_struct({{ fields | join(', ') }}, 'value', {{ measure }})) filter (where ({{ measure }}) is not null), {{ 'false' if directions[0] else 'true' }}), entry -> entry.value)
      {%- endset -%}
    {%- else -%}
      {%- set collected = 'collect_list(' ~ measure ~ ')' -%}
    {%- endif -%}
    case when count({{ measure }}) > 0 then array_join(slice({{ collected }}, 1, {{ limit_num }}), {{ delimiter_text }}) end
  {%- endif -%}
{%- endmacro %}

{#- "order by a desc, f(b, c)" → [{expression: 'a', descending: true}, {expression: 'f(b, c)', descending: false}]. -#}
{% macro _listagg_sort_keys(order_by_clause) -%}
  {%- set clause = modules.re.sub('^\\s*order\\s+by\\s+', '', order_by_clause | string, flags=modules.re.IGNORECASE) -%}
  {%- set state = namespace(depth=0, current='', parts=[]) -%}
  {%- for character in clause -%}
    {%- if character == ',' and state.depth == 0 -%}
      {%- set state.parts = state.parts + [state.current] -%}
      {%- set state.current = '' -%}
    {%- else -%}
      {%- if character == '(' -%}{%- set state.depth = state.depth + 1 -%}{%- elif character == ')' -%}{%- set state.depth = state.depth - 1 -%}{%- endif -%}
      {%- set state.current = state.current ~ character -%}
    {%- endif -%}
  {%- endfor -%}
  {%- set keys = [] -%}
  {%- for part in state.parts + [state.current] -%}
    {%- set text = part | trim -%}
    {%- if modules.re.search('\\snulls\\s+(first|last)$', text, flags=modules.re.IGNORECASE) -%}
      {{ exceptions.raise_compiler_error("listagg with limit_num on Databricks keeps the default null order; remove 'nulls first/last' from: " ~ order_by_clause) }}
    {%- endif -%}
    {%- set descending = modules.re.search('\\sdesc$', text, flags=modules.re.IGNORECASE) is not none -%}
    {%- do keys.append({'expression': modules.re.sub('\\s+(asc|desc)$', '', text, flags=modules.re.IGNORECASE), 'descending': descending}) -%}
  {%- endfor -%}
  {{ return(keys) }}
{%- endmacro %}
