with
    aeroplanes as (
        select
            aeroplane_id,
            registration,
            model_code,
            manufacturer_code,
            in_service_date
        from
            {{ ref('stg_sap__aeroplanes') }}
    ),
    models as (
        select
            model_code,
            model_name,
            manufacturer_name,
            seats,
            range_km
        from
            {{ ref('stg_aeroplane_api__models') }}
    )
select
    aeroplanes.aeroplane_id,
    aeroplanes.registration,
    aeroplanes.model_code,
    models.model_name,
    aeroplanes.manufacturer_code,
    models.manufacturer_name,
    models.seats,
    models.range_km,
    aeroplanes.in_service_date
from
    aeroplanes
    left join models on aeroplanes.model_code = models.model_code
