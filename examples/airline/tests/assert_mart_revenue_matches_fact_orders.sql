{{ config(tags=['transformed_data']) }}

-- The mart must account for every euro of revenue in fact_orders, month by month: a customer
-- missing from dim_customers, or a filter that drifts, shows up here as a month that differs.
with mart as (
    select
        order_month,
        sum(revenue_eur) as revenue_eur
    from {{ ref('mart_revenue_by_region_month') }}
    group by order_month
),

facts as (
    select
        cast(date_trunc('month', ordered_at) as date) as order_month,
        sum(amount_eur) as revenue_eur
    from {{ ref('fact_orders') }}
    where is_revenue
    group by cast(date_trunc('month', ordered_at) as date)
)

select
    coalesce(mart.order_month, facts.order_month) as order_month,
    mart.revenue_eur as mart_revenue_eur,
    facts.revenue_eur as fact_revenue_eur
from mart
full outer join facts on mart.order_month = facts.order_month
where mart.revenue_eur is distinct from facts.revenue_eur
