package io.qingliu.store;

import io.qingliu.alerts.AlertChange;
import io.qingliu.checks.Finding;
import io.qingliu.model.Network;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts and their audit trail in PostgreSQL. Each change is one statement that updates the alert and appends its
 * event, so the sequence number a page resumes from always names a committed change. The partial unique index
 * {@code alerts_one_open} makes a second open alert for the same (station, kind, parameter) impossible.
 */
public final class AlertStore {

  private static final String RETURNING_CHANGE = " SELECT a.*, e.seq, e.event FROM a, e";

  private final Pool pool;
  private final AlertJson json;

  public AlertStore(Pool pool, Network network) {
    this.pool = pool;
    this.json = new AlertJson(network);
  }

  /**
   * Opens an alert for a firing finding; completes with null when one was already open (then see {@link #findOpen}).
   *
   * @param muted why it pages nobody ({@code silence:<id>}, {@code offline}), or null
   * @param detail the structured payload of alerts that carry one (a fluorescence trace), else null
   */
  public Future<AlertChange> open(Finding f, String muted, JsonObject detail) {
    OffsetDateTime at = time(f.atMillis());
    return change("WITH a AS (INSERT INTO alerts (station_id, kind, parameter, severity, value, limit_value, "
        + "water_class, target_class, message, opened_at, last_at, muted, detail) "
        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) "
        + "ON CONFLICT (station_id, kind, parameter) WHERE resolved_at IS NULL DO NOTHING RETURNING *), "
        + "e AS (INSERT INTO alert_events (alert_id, event, at, actor, comment) SELECT id, 'opened', $10, 'system', "
        + "$11 FROM a RETURNING seq, event)" + RETURNING_CHANGE,
        Tuple.from(new Object[] {f.stationId(), f.kind().key(), f.parameterKey(), f.severity().key(),
            number(f.value()), number(f.limit()), f.waterClass() > 0 ? (short) f.waterClass() : null,
            f.targetClass() > 0 ? (short) f.targetClass() : null, f.message(), at, muted, detail}));
  }

  public Future<Long> findOpen(String stationId, String kind, String parameter) {
    return pool.preparedQuery("SELECT id FROM alerts WHERE station_id = $1 AND kind = $2 AND parameter = $3 "
            + "AND resolved_at IS NULL")
        .execute(Tuple.of(stationId, kind, parameter))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
  }

  /** Resolves an open alert; completes with null when it was resolved already. */
  public Future<AlertChange> resolve(long id, String actor, String comment, long atMillis) {
    return change("WITH a AS (UPDATE alerts SET resolved_at = $2, resolved_by = $3, resolve_comment = $4 "
        + "WHERE id = $1 AND resolved_at IS NULL RETURNING *), e AS (INSERT INTO alert_events "
        + "(alert_id, event, at, actor, comment) SELECT id, 'resolved', $2, $3, $4 FROM a RETURNING seq, event)"
        + RETURNING_CHANGE, Tuple.of(id, time(atMillis), actor, comment));
  }

  /** Acknowledges an alert; completes with null when it was acknowledged already (or does not exist). */
  public Future<AlertChange> acknowledge(long id, String actor, String comment, long atMillis) {
    return change("WITH a AS (UPDATE alerts SET acknowledged_at = $2, acknowledged_by = $3, ack_comment = $4 "
        + "WHERE id = $1 AND acknowledged_at IS NULL RETURNING *), e AS (INSERT INTO alert_events "
        + "(alert_id, event, at, actor, comment) SELECT id, 'acknowledged', $2, $3, $4 FROM a RETURNING seq, event)"
        + RETURNING_CHANGE, Tuple.of(id, time(atMillis), actor, comment));
  }

  /** Assigns an open alert to an officer (null: nobody); completes with null when there is no such open alert. */
  public Future<AlertChange> assign(long id, String actor, String assignee, long atMillis) {
    return change("WITH a AS (UPDATE alerts SET assignee = $3 WHERE id = $1 AND resolved_at IS NULL RETURNING *), "
        + "e AS (INSERT INTO alert_events (alert_id, event, at, actor, comment) SELECT id, 'assigned', $2, $4, $3 "
        + "FROM a RETURNING seq, event)" + RETURNING_CHANGE, Tuple.of(id, time(atMillis), assignee, actor));
  }

  /** Adds an officer's comment to an alert's trail; completes with null when there is no such alert. */
  public Future<AlertChange> comment(long id, String actor, String comment, long atMillis) {
    return change("WITH a AS (SELECT * FROM alerts WHERE id = $1), e AS (INSERT INTO alert_events "
        + "(alert_id, event, at, actor, comment) SELECT id, 'commented', $2, $3, $4 FROM a RETURNING seq, event)"
        + RETURNING_CHANGE, Tuple.of(id, time(atMillis), actor, comment));
  }

  /** The audit trail of one alert, oldest first: {@code [{"seq","event","at","actor","comment"}]}. */
  public Future<List<JsonObject>> trail(long id) {
    return pool.preparedQuery("SELECT seq, event, at, actor, comment FROM alert_events WHERE alert_id = $1 "
        + "ORDER BY seq").execute(Tuple.of(id)).map(rows -> {
          List<JsonObject> out = new ArrayList<>(rows.size());
          for (Row row : rows) {
            out.add(new JsonObject().put("seq", row.getLong("seq")).put("event", row.getString("event"))
                .put("at", AlertJson.iso(row.getOffsetDateTime("at"))).put("actor", row.getString("actor"))
                .put("comment", row.getString("comment")));
          }
          return out;
        });
  }

  /**
   * Mutes the station's other open alerts while its offline alert is open (inhibition): what a silent station's
   * sensors said last is not news.
   */
  public Future<List<AlertChange>> inhibitStation(String stationId, long atMillis) {
    return changes("WITH a AS (UPDATE alerts SET muted = 'offline' WHERE station_id = $1 AND resolved_at IS NULL "
        + "AND muted IS NULL AND kind <> 'offline' RETURNING *)" + MUTE_EVENTS + "'muted', $2, 'system', 'offline'"
        + MUTE_RETURN, Tuple.of(stationId, time(atMillis)));
  }

  /** Lifts {@link #inhibitStation} when the station reports again. */
  public Future<List<AlertChange>> releaseStation(String stationId, long atMillis) {
    return changes("WITH a AS (UPDATE alerts SET muted = NULL WHERE station_id = $1 AND resolved_at IS NULL "
        + "AND muted = 'offline' RETURNING *)" + MUTE_EVENTS + "'unmuted', $2, 'system', 'offline'" + MUTE_RETURN,
        Tuple.of(stationId, time(atMillis)));
  }

  /** Mutes the open, unmuted alerts that a silence running at {@code now} covers. */
  public Future<List<AlertChange>> applySilences(long nowMillis) {
    return changes("WITH a AS (UPDATE alerts SET muted = 'silence:' || s.id FROM silences s "
        + "WHERE alerts.resolved_at IS NULL AND alerts.muted IS NULL AND s.cancelled_at IS NULL "
        + "AND s.starts_at <= $1 AND s.ends_at > $1 AND (s.station_id IS NULL OR s.station_id = alerts.station_id) "
        + "AND (s.kind IS NULL OR s.kind = alerts.kind) AND (s.parameter IS NULL OR s.parameter = alerts.parameter) "
        + "RETURNING alerts.*)" + MUTE_EVENTS + "'muted', $1, 'system', muted" + MUTE_RETURN,
        Tuple.of(time(nowMillis)));
  }

  /** Unmutes the open alerts whose silence ended or was cancelled. */
  public Future<List<AlertChange>> liftSilences(long nowMillis) {
    return changes("WITH a AS (UPDATE alerts SET muted = NULL WHERE resolved_at IS NULL AND muted LIKE 'silence:%' "
        + "AND NOT EXISTS (SELECT 1 FROM silences s WHERE 'silence:' || s.id = alerts.muted "
        + "AND s.cancelled_at IS NULL AND s.starts_at <= $1 AND s.ends_at > $1) RETURNING *)"
        + MUTE_EVENTS + "'unmuted', $1, 'system', 'silence ended'" + MUTE_RETURN, Tuple.of(time(nowMillis)));
  }

  /**
   * Escalates every open, unacknowledged, unmuted alert of the given severities whose last announcement (its
   * opening, or its last escalation) is at least {@code everyMillis} old.
   */
  public Future<List<AlertChange>> escalate(long nowMillis, long everyMillis, String[] severities) {
    return changes("WITH a AS (UPDATE alerts SET escalations = escalations + 1, last_escalated_at = $1 "
        + "WHERE resolved_at IS NULL AND acknowledged_at IS NULL AND muted IS NULL AND severity = ANY($3) "
        + "AND coalesce(last_escalated_at, opened_at) <= $2 RETURNING *)" + MUTE_EVENTS + "'escalated', $1, "
        + "'system', 'escalation ' || escalations" + MUTE_RETURN,
        Tuple.of(time(nowMillis), time(nowMillis - everyMillis), severities));
  }

  private static final String MUTE_EVENTS = ", e AS (INSERT INTO alert_events (alert_id, event, at, actor, comment) "
      + "SELECT id, ";
  private static final String MUTE_RETURN = " FROM a RETURNING seq, event, alert_id) "
      + "SELECT a.*, e.seq, e.event FROM a JOIN e ON e.alert_id = a.id ORDER BY e.seq";

  private Future<List<AlertChange>> changes(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<AlertChange> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(new AlertChange(row.getLong("seq"), row.getString("event"), json.of(row)));
      }
      return out;
    });
  }

  private Future<AlertChange> change(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new AlertChange(row.getLong("seq"), row.getString("event"), json.of(row));
    });
  }

  public Future<JsonObject> get(long id) {
    return pool.preparedQuery("SELECT * FROM alerts WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : json.of(rows.iterator().next()));
  }

  /**
   * Alerts by state, newest first: {@code open} (not resolved), {@code visible} (not resolved, or resolved but never
   * acknowledged: what the desk keeps showing), {@code resolved}, or {@code all}.
   */
  public Future<List<JsonObject>> list(String state, int limit) {
    String where = switch (state) {
      case "open" -> "WHERE resolved_at IS NULL";
      case "visible" -> "WHERE resolved_at IS NULL OR acknowledged_at IS NULL";
      case "resolved" -> "WHERE resolved_at IS NOT NULL";
      case "all" -> "";
      default -> throw new IllegalArgumentException("unknown alert state '" + state + "'");
    };
    return pool.preparedQuery("SELECT * FROM alerts " + where + " ORDER BY opened_at DESC, id DESC LIMIT $1")
        .execute(Tuple.of(limit)).map(json::list);
  }

  /** The open alerts of the given stations, for a shard rebuilding its state after a restart. */
  public Future<List<JsonObject>> openFor(List<String> stationIds) {
    return pool.preparedQuery("SELECT * FROM alerts WHERE resolved_at IS NULL AND station_id = ANY($1)")
        .execute(Tuple.of(stationIds.toArray(new String[0]))).map(json::list);
  }

  /** Changes after {@code seq} in order, at most {@code limit}; the alert in each is its current state. */
  public Future<List<AlertChange>> changesSince(long seq, int limit) {
    return pool.preparedQuery("SELECT a.*, e.seq, e.event FROM alert_events e JOIN alerts a ON a.id = e.alert_id "
            + "WHERE e.seq > $1 ORDER BY e.seq LIMIT $2")
        .execute(Tuple.of(seq, limit))
        .map(rows -> {
          List<AlertChange> out = new ArrayList<>(rows.size());
          for (Row row : rows) {
            out.add(new AlertChange(row.getLong("seq"), row.getString("event"), json.of(row)));
          }
          return out;
        });
  }

  public Future<Long> lastSeq() {
    return pool.query("SELECT coalesce(max(seq), 0) AS seq FROM alert_events").execute()
        .map(rows -> rows.iterator().next().getLong("seq"));
  }

  private static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static Double number(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
