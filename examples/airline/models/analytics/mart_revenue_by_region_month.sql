with
    orders as (
        select
            customer_id,
            cast(date_trunc('month', ordered_at) as date) as order_month,
            seats,
            amount_eur
        from
            {{ ref('fact_orders') }}
        where
            is_revenue
    ),
    customers as (
        select
            customer_id,
            region,
            customer_group
        from
            {{ ref('dim_customers') }}
    ),
    monthly as (
        select
            orders.order_month,
            customers.region,
            customers.customer_group,
            count(*) as order_count,
            cast(sum(orders.seats) as bigint) as seats_sold,
            sum(orders.amount_eur) as revenue_eur,
            count(distinct orders.customer_id) as active_customers
        from
            orders
            inner join customers on orders.customer_id = customers.customer_id
        group by
            orders.order_month,
            customers.region,
            customers.customer_group
    )
select
    strftime(order_month, '%Y-%m') || '|' || region || '|' || customer_group as segment_month_key,
    order_month,
    region,
    customer_group,
    order_count,
    seats_sold,
    revenue_eur,
    active_customers
from
    monthly
