-- Fluorescence EEMs. Each grid (excitation and emission wavelengths) is stored once; a spectrum keeps its
-- instrument's native grid (resampling is the tracer's job) as one float4 array, row-major (ex × em), NULL where the
-- instrument cut scatter. 8,976 cells take 36 KB before TOAST compression, not the ~200 KB of JSON text.
CREATE TABLE eem_grids (
  id  serial PRIMARY KEY,
  ex  real[] NOT NULL,
  em  real[] NOT NULL,
  UNIQUE (ex, em)
);

CREATE TABLE eem_spectra (
  station_no  int NOT NULL,
  ts          timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  grid_id     int NOT NULL REFERENCES eem_grids (id),
  instrument  text,
  units       text NOT NULL,
  -- What has been applied to the values (blank, inner filter, Raman, scatter mask), so nothing is corrected twice.
  corrections jsonb NOT NULL DEFAULT '{}',
  intensity   real[] NOT NULL,
  PRIMARY KEY (station_no, ts)
);
