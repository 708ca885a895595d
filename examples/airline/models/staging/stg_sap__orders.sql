select
    cast(vbeln as bigint) as order_id,
    cast(kunnr as integer) as customer_id,
    cast(zztripid as integer) as trip_id,
    -- SAP quantities carry three decimals ("2.000"): seats are whole.
    cast(cast(kwmeng as decimal(13, 3)) as integer) as seats,
    cast(netpr as decimal(12, 2)) as price_per_seat,
    upper(trim(waerk)) as currency,
    {{ sap_timestamp('erdat', 'erzet') }} as ordered_at,
    {{ sap_date('erdat') }} as order_date,
    case
        when nullif(trim(abgru), '') is not null then 'cancelled'
        when gbstk = 'C' then 'completed'
        else 'open'
    end as status,
    nullif(trim(abgru), '') as rejection_reason
from
    {{ source('sap', 'orders') }}
