-- The duty officer's workflow (issue 6): who owns an alert, why it is muted, how often it was escalated, and the
-- silences (maintenance windows) that mute alerts. Numbered apart from the other migrations of the same days.

ALTER TABLE alerts
  ADD COLUMN assignee          text,
  -- Why nobody is paged for it: 'silence:<id>' or 'offline' (the station's own offline alert inhibits the rest);
  -- null when it pages normally. Muted alerts stay on the desk, greyed, and are never escalated.
  ADD COLUMN muted             text,
  ADD COLUMN escalations       integer NOT NULL DEFAULT 0,
  ADD COLUMN last_escalated_at timestamptz;

CREATE INDEX alerts_open_station ON alerts (station_id) WHERE resolved_at IS NULL;

CREATE TABLE silences (
  id           bigserial PRIMARY KEY,
  -- null matches every station, kind or parameter
  station_id   text,
  kind         text,
  parameter    text,
  reason       text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
  cancelled_by text,
  cancelled_at timestamptz
);
CREATE INDEX silences_ends_at ON silences (ends_at);
