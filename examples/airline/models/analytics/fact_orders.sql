{{
    config(
        materialized='incremental',
        unique_key='order_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns'
    )
}}

with
    orders as (
        select
            order_id,
            customer_id,
            trip_id,
            ordered_at,
            order_date,
            seats,
            price_per_seat,
            currency,
            status
        from
            {{ ref('stg_sap__orders') }}
            {% if is_incremental() %}
            -- Orders still change for a few days after they are placed (cancellations): read those days
            -- again and let the merge on order_id update them.
        where
            ordered_at >= (
                select
                    max(ordered_at)
                from
                    {{ this }}
            ) - interval '{{ var("fact_orders_lookback_days", 3) }} days'
            {% endif %}
    )
select
    order_id,
    customer_id,
    trip_id,
    ordered_at,
    order_date,
    seats,
    price_per_seat,
    currency,
    cast(seats * price_per_seat as decimal(18, 2)) as amount,
    {{ to_eur('seats * price_per_seat', 'currency') }} as amount_eur,
    status,
    status in (
        {%- for revenue_status in var('revenue_order_statuses') %}
        '{{ revenue_status }}' {{ ',' if not loop.last }}
        {%- endfor %}
    ) as is_revenue
from
    orders
