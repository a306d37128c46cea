package io.qingliu.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;

/**
 * Every trace that found a departure (named enterprise or unknown source), whether or not it opened a new alert: an
 * intermittent discharge opens one alert per episode, but its history is the row per spectrum.
 */
public final class TraceMatchStore {

  /** One traced anomaly; {@code enterpriseId} null for an unknown source. */
  public record Match(String stationId, long tsMillis, String verdict, String enterpriseId, double share,
      double similarity, double confidence, long libraryVersion) {}

  private final Pool pool;

  public TraceMatchStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> insert(Match m) {
    return pool.preparedQuery("INSERT INTO trace_matches (station_id, ts, verdict, enterprise_id, share, similarity, "
            + "confidence, library_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(new Object[] {m.stationId(), EemStore.time(m.tsMillis()), m.verdict(), m.enterpriseId(),
            m.share(), m.similarity(), m.confidence(), m.libraryVersion()}))
        .mapEmpty();
  }

  /**
   * The matches of one enterprise between two times, newest first, with a count per day and per station:
   * {@code {"enterprise","zone","matches":[…],"days":[{"day","matches","stations":[…]}]}}. Days are those of
   * {@code zone} (the network's), the officers' days, so a night's discharge does not split at UTC midnight.
   */
  public Future<JsonObject> history(String enterpriseId, Instant from, Instant to, String zone) {
    Object[] window = {enterpriseId, EemStore.time(from.toEpochMilli()), EemStore.time(to.toEpochMilli())};
    Future<JsonArray> matches = pool.preparedQuery("SELECT station_id, ts, share, similarity, confidence, "
            + "library_version FROM trace_matches WHERE enterprise_id = $1 AND ts >= $2 AND ts < $3 "
            + "ORDER BY ts DESC LIMIT 1000")
        .execute(Tuple.from(window)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("station", r.getString("station_id"))
                .put("ts", r.getOffsetDateTime("ts").toInstant().toString()).put("share", r.getDouble("share"))
                .put("similarity", r.getDouble("similarity")).put("confidence", r.getDouble("confidence"))
                .put("libraryVersion", r.getLong("library_version")));
          }
          return out;
        });
    Future<JsonArray> days = pool.preparedQuery("SELECT (ts AT TIME ZONE $4)::date::text AS day, count(*) AS n, "
            + "array_agg(DISTINCT station_id) AS stations FROM trace_matches WHERE enterprise_id = $1 AND ts >= $2 "
            + "AND ts < $3 GROUP BY 1 ORDER BY 1 DESC")
        .execute(Tuple.from(window).addString(zone)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("day", r.getString("day")).put("matches", r.getLong("n"))
                .put("stations", new JsonArray(List.of(r.getArrayOfStrings("stations")))));
          }
          return out;
        });
    return Future.all(matches, days).map(ok -> new JsonObject().put("enterprise", enterpriseId).put("zone", zone)
        .put("days", days.result()).put("matches", matches.result()));
  }
}
