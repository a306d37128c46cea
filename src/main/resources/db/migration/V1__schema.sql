-- Qingliu schema v1: stations, readings, alerts with their audit trail, officers.

CREATE TABLE stations (
  no          serial PRIMARY KEY,
  id          text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL,
  target_class smallint,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per reading, one nullable float8 column per standard parameter (io.qingliu.model.Parameter, same order).
-- Why this shape (docs/measured.md): a row per (station, parameter, ts) under a primary key costs 3.5-5x on insert
-- because time-ordered rows scatter across a station-first key; one row per reading writes 6-16 values for one index
-- entry, and absent parameters cost one bit in the null bitmap. The unique index on (station_no, ts) is what makes a
-- retransmitted reading land once (ON CONFLICT DO NOTHING) and serves every per-station range query; the BRIN index on
-- received_at keeps "what arrived in the last N minutes" cheap at almost no write cost.
CREATE TABLE readings (
  station_no  int NOT NULL,
  ts          timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  v_ph float8,
  v_do float8,
  v_temp float8,
  v_cond float8,
  v_turb float8,
  v_codmn float8,
  v_cod float8,
  v_bod5 float8,
  v_toc float8,
  v_nh3n float8,
  v_tp float8,
  v_tn float8,
  v_flow float8,
  v_chla float8,
  v_cu float8,
  v_zn float8
);
CREATE UNIQUE INDEX readings_station_ts ON readings (station_no, ts);
CREATE INDEX readings_received_brin ON readings USING brin (received_at);

CREATE TABLE alerts (
  id              bigserial PRIMARY KEY,
  station_id      text NOT NULL,
  kind            text NOT NULL,
  parameter       text NOT NULL DEFAULT '',
  severity        text NOT NULL,
  value           float8,
  limit_value     float8,
  water_class     smallint,
  target_class    smallint,
  message         text NOT NULL,
  opened_at       timestamptz NOT NULL,
  last_at         timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by text,
  ack_comment     text,
  resolved_at     timestamptz,
  resolved_by     text,
  resolve_comment text
);
-- Exactly one unresolved alert per (station, kind, parameter), whatever the application does (ThingsBoard #2986).
CREATE UNIQUE INDEX alerts_one_open ON alerts (station_id, kind, parameter) WHERE resolved_at IS NULL;
CREATE INDEX alerts_opened_at ON alerts (opened_at);

-- Every change of every alert, in commit order: the audit trail and what a reconnecting page replays.
CREATE TABLE alert_events (
  seq      bigserial PRIMARY KEY,
  alert_id bigint NOT NULL REFERENCES alerts (id),
  event    text NOT NULL,
  at       timestamptz NOT NULL,
  actor    text NOT NULL,
  comment  text
);
CREATE INDEX alert_events_alert ON alert_events (alert_id);

CREATE TABLE officers (
  username      text PRIMARY KEY,
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('viewer', 'officer', 'admin')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
