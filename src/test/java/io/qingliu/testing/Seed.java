package io.qingliu.testing;

import java.time.Instant;

/** Past data written straight into the test database: days of readings or a shift's alerts in milliseconds. */
public final class Seed {

  private Seed() {}

  /**
   * {@code count} readings of {@code station} one minute apart from {@code start}: slow waves around class III
   * values, ammonia peaking at 1.1 mg/L so it crosses the class III limit (1.0) now and then.
   */
  public static void minuteReadings(TestDatabase db, String station, Instant start, int count) {
    db.execute("INSERT INTO readings (station_no, ts, received_at, v_ph, v_do, v_temp, v_nh3n, v_codmn, v_tp) "
        + "SELECT (SELECT no FROM stations WHERE id = '" + station + "'), t, t, 7.2 + 0.3 * sin(i / 240.0), "
        + "6.5 + sin(i / 300.0), 15 + 3 * sin(i / 1440.0), 0.6 + 0.5 * sin(i / 180.0), 4 + sin(i / 500.0), "
        + "0.12 + 0.05 * sin(i / 200.0) FROM generate_series(0, " + (count - 1) + ") AS i, "
        + "LATERAL (SELECT TIMESTAMPTZ '" + start + "' + i * INTERVAL '1 minute' AS t) AS x");
    db.execute("ANALYZE readings");
  }

  public static Alert alert(String station, String kind, String severity) {
    return new Alert(station, kind, severity);
  }

  /** An alert with its audit trail, as the server would have written it. */
  public static final class Alert {
    private final String station;
    private final String kind;
    private final String severity;
    private String parameter = "";
    private String message = "测试告警";
    private Instant opened = Instant.now();
    private Instant acknowledged;
    private String ackBy;
    private String ackComment;
    private Instant resolved;

    private Alert(String station, String kind, String severity) {
      this.station = station;
      this.kind = kind;
      this.severity = severity;
    }

    public Alert parameter(String p) {
      parameter = p;
      return this;
    }

    public Alert message(String m) {
      message = m;
      return this;
    }

    public Alert opened(Instant at) {
      opened = at;
      return this;
    }

    public Alert acknowledged(Instant at, String by, String comment) {
      acknowledged = at;
      ackBy = by;
      ackComment = comment;
      return this;
    }

    public Alert resolved(Instant at) {
      resolved = at;
      return this;
    }

    /** Writes the alert and its events; returns its id. */
    public long insert(TestDatabase db) {
      long id = ((Number) db.scalar("INSERT INTO alerts (station_id, kind, parameter, severity, value, limit_value, "
          + "message, opened_at, last_at, acknowledged_at, acknowledged_by, ack_comment, resolved_at, resolved_by) "
          + "VALUES (" + q(station) + ", " + q(kind) + ", " + q(parameter) + ", " + q(severity) + ", 1.32, 1.0, "
          + q(message) + ", " + q(opened) + ", " + q(opened) + ", " + q(acknowledged) + ", " + q(ackBy) + ", "
          + q(ackComment) + ", " + q(resolved) + ", " + (resolved == null ? "NULL" : "'system'") + ") RETURNING id"))
          .longValue();
      event(db, id, "opened", opened, "system", null);
      if (acknowledged != null) {
        event(db, id, "acknowledged", acknowledged, ackBy, ackComment);
      }
      if (resolved != null) {
        event(db, id, "resolved", resolved, "system", null);
      }
      return id;
    }

    private static void event(TestDatabase db, long id, String event, Instant at, String actor, String comment) {
      db.execute("INSERT INTO alert_events (alert_id, event, at, actor, comment) VALUES (" + id + ", " + q(event)
          + ", " + q(at) + ", " + q(actor) + ", " + q(comment) + ")");
    }

    private static String q(Object v) {
      return v == null ? "NULL" : "'" + v.toString().replace("'", "''") + "'";
    }
  }
}
