-- The history view and the station chart look alerts up per station over time; the shift handover reads the audit
-- trail by time (who acknowledged what in the last N hours).
CREATE INDEX alerts_station_opened_at ON alerts (station_id, opened_at);
CREATE INDEX alert_events_at ON alert_events (at);
