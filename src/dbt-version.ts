/** The dbt version Sluice follows: what templates see as `dbt_version` and artifacts record. */
export const DBT_VERSION = '1.11.0';
