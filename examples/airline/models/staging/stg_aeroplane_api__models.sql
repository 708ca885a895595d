select
    upper(trim(model)) as model_code,
    trim(model) as model_name,
    upper(trim(manufacturer)) as manufacturer_code,
    trim(manufacturer) as manufacturer_name,
    cast(seats as integer) as seats,
    cast(range_km as integer) as range_km,
    cast(_loaded_at as timestamp) as loaded_at
from
    {{ source('aeroplane_api', 'models') }}
