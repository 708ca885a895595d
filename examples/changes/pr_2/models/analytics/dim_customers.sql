with
    customers as (
        select
            customer_id,
            customer_name,
            email,
            country_code,
            region,
            customer_group,
            created_date
        from
            {{ ref('stg_sap__customers') }}
    ),
    orders as (
        select
            customer_id,
            min(order_date) as first_order_date,
            max(order_date) as last_order_date,
            count(*) as lifetime_orders
        from
            {{ ref('stg_sap__orders') }}
        where
            status <> 'cancelled'
        group by
            customer_id
    )
select
    customers.customer_id,
    customers.customer_name,
    customers.email,
    customers.country_code,
    customers.region,
    -- Pull request #2: travel agencies book for businesses, so they count as business customers.
    case
        when customers.customer_group = 'Travel agency' then 'Business'
        else customers.customer_group
    end as customer_group,
    customers.created_date,
    orders.first_order_date,
    orders.last_order_date,
    coalesce(orders.lifetime_orders, 0) as lifetime_orders
from
    customers
    left join orders on customers.customer_id = orders.customer_id
