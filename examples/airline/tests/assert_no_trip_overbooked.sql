{{ config(tags=['transformed_data']) }}

-- No trip may have sold more seats than its aeroplane has.
select
    trip_id,
    seats_sold,
    seat_capacity
from {{ ref('fact_trips') }}
where seats_sold > seat_capacity
