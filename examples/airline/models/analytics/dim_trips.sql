select
    trip_id,
    aeroplane_id,
    origin_airport_code,
    destination_airport_code,
    origin_airport_code || '-' || destination_airport_code as route,
    departure_at,
    departure_at + duration_minutes * interval '1 minute' as arrival_at,
    cast(departure_at as date) as departure_date,
    duration_minutes
from
    {{ ref('stg_sap__trips') }}
