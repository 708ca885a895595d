{%- set regions = {'EU01': 'Europe', 'NA01': 'North America', 'ME01': 'Middle East', 'AP01': 'Asia Pacific'} -%}
{%- set customer_groups = {'PR': 'Private', 'BU': 'Business', 'TA': 'Travel agency'} -%}

select
    cast(kunnr as integer) as customer_id,
    trim(name1) as customer_name,
    lower(trim(smtp_addr)) as email,
    upper(trim(land1)) as country_code,
    case upper(trim(bzirk))
        {%- for code, region in regions.items() %}
        when '{{ code }}' then '{{ region }}'
        {%- endfor %}
    end as region,
    case upper(trim(kdgrp))
        {%- for code, customer_group in customer_groups.items() %}
        when '{{ code }}' then '{{ customer_group }}'
        {%- endfor %}
    end as customer_group,
    {{ sap_date('erdat') }} as created_date
from
    {{ source('sap', 'customers') }}
