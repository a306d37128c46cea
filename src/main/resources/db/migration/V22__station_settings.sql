-- Station settings an admin changed through the API (name, target class, water body, reporting interval): every
-- change is kept (who, when, the whole settings after it); the latest per station overrides the network file.
CREATE TABLE station_settings (
  version    bigserial PRIMARY KEY,
  station_id text NOT NULL REFERENCES stations (id),
  settings   jsonb NOT NULL,
  set_by     text NOT NULL,
  set_at     timestamptz NOT NULL
);
CREATE INDEX station_settings_station ON station_settings (station_id, version);
