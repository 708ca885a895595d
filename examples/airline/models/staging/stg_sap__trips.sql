select
    cast(tripid as integer) as trip_id,
    cast(equnr as bigint) as aeroplane_id,
    upper(trim(airpfrom)) as origin_airport_code,
    upper(trim(airpto)) as destination_airport_code,
    {{ sap_timestamp('fldate', 'deptime') }} as departure_at,
    cast(fltime as integer) as duration_minutes
from
    {{ source('sap', 'trips') }}
