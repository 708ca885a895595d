select
    cast(equnr as bigint) as aeroplane_id,
    upper(trim(tidnr)) as registration,
    upper(trim(typbz)) as model_code,
    upper(trim(herst)) as manufacturer_code,
    {{ sap_date('inbdt') }} as in_service_date
from
    {{ source('sap', 'aeroplanes') }}
