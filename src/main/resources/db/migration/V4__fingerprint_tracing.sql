-- Fingerprint tracing (issue 5): the enterprises' reference EEMs, every trace that found a departure, and the
-- structured payload of an alert (the ranked candidates of a fluorescence anomaly).

-- The library. Rows are only ever added: the library a trace used is "every reference with id <= its version", and
-- who added which reference when stays on record. A reference keeps its instrument's native grid, like a spectrum.
CREATE TABLE fingerprint_references (
  id            bigserial PRIMARY KEY,
  enterprise_id text NOT NULL,
  reference_id  text NOT NULL,
  grid_id       int NOT NULL REFERENCES eem_grids (id),
  instrument    text,
  units         text NOT NULL,
  intensity     real[] NOT NULL,
  note          text,
  added_by      text NOT NULL,
  added_at      timestamptz NOT NULL,
  UNIQUE (enterprise_id, reference_id)
);

-- One row per anomalous spectrum: intermittent discharges show up as repeated matches to one enterprise over days.
CREATE TABLE trace_matches (
  id              bigserial PRIMARY KEY,
  station_id      text NOT NULL,
  ts              timestamptz NOT NULL,
  verdict         text NOT NULL CHECK (verdict IN ('enterprise', 'unknown')),
  enterprise_id   text,
  share           float8,
  similarity      float8,
  confidence      float8,
  library_version bigint NOT NULL
);
CREATE INDEX trace_matches_enterprise ON trace_matches (enterprise_id, ts);
CREATE INDEX trace_matches_station ON trace_matches (station_id, ts);

ALTER TABLE alerts ADD COLUMN detail jsonb;
