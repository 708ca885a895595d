with
    trips as (
        select
            trip_id,
            aeroplane_id,
            route,
            departure_at,
            departure_date
        from
            {{ ref('dim_trips') }}
    ),
    aeroplanes as (
        select
            aeroplane_id,
            seats
        from
            {{ ref('dim_aeroplanes') }}
    ),
    orders as (
        select
            trip_id,
            count(*) as order_count,
            sum(seats) as seats_sold,
            sum(amount_eur) as revenue_eur
        from
            {{ ref('fact_orders') }}
        where
            is_revenue
        group by
            trip_id
    )
select
    trips.trip_id,
    trips.aeroplane_id,
    trips.route,
    trips.departure_at,
    trips.departure_date,
    aeroplanes.seats as seat_capacity,
    coalesce(orders.order_count, 0) as order_count,
    cast(coalesce(orders.seats_sold, 0) as integer) as seats_sold,
    round(cast(coalesce(orders.seats_sold, 0) as double) / aeroplanes.seats, 4) as load_factor,
    coalesce(orders.revenue_eur, 0) as revenue_eur
from
    trips
    inner join aeroplanes on trips.aeroplane_id = aeroplanes.aeroplane_id
    left join orders on trips.trip_id = orders.trip_id
