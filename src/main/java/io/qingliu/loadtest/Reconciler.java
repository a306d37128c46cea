package io.qingliu.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Compares what was sent and acknowledged with what PostgreSQL holds. The run's readings are the rows of its stations
 * inside its measurement-time window (one row per reading, unique on (station_no, ts)):
 * <ul>
 *   <li>{@code stored}: those rows; {@code duplicates}: rows beyond one per (station, ts);
 *   <li>{@code lost}: acknowledged readings not stored = acknowledged − (stored − stored-but-never-acknowledged),
 *       where the last term is looked up reading by reading from the {@link UnackedLog}.
 * </ul>
 */
final class Reconciler {

  /** What the database says. {@code lost} is null when nothing was acknowledged (QoS 0). */
  record Outcome(long stored, Long lost, long duplicates, long storedUnacked, boolean lowerBound) {

    JsonObject toJson() {
      return new JsonObject().put("stored", stored).put("lost", lost).put("duplicates", duplicates)
          .put("storedUnacknowledged", storedUnacked).put("lostIsLowerBound", lowerBound);
    }
  }

  private static final int CHUNK = 20_000;

  private final Vertx vertx;
  private final PgConnectOptions options;

  Reconciler(Vertx vertx, String url) {
    this.vertx = vertx;
    this.options = PgConnectOptions.fromUri(resolve(url));
  }

  /**
   * {@code postgresql://…} as is; {@code datadir:DIR} for the embedded PostgreSQL of a server started with that data
   * directory (its port is in {@code DIR/pg/postmaster.pid}).
   */
  static String resolve(String url) {
    if (!url.startsWith("datadir:")) {
      return url;
    }
    Path pid = Path.of(url.substring("datadir:".length()), "pg", "postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pid);
      return "postgresql://postgres@localhost:" + lines.get(3).trim() + "/postgres";
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read the embedded PostgreSQL's port from " + pid + ": " + e, e);
    }
  }

  /** The newest measurement time stored per station: the run's readings must be newer to be told apart. */
  Future<Void> floors(List<Identity> stations) {
    String[] ids = stations.stream().map(s -> s.id).distinct().toArray(String[]::new);
    return withConnection(c -> c.preparedQuery("SELECT s.id, (SELECT max(r.ts) FROM readings r WHERE r.station_no = s.no)"
            + " FROM stations s WHERE s.id = ANY($1)").execute(Tuple.tuple().addValue(ids))
        .map(rows -> {
          for (Row row : rows) {
            OffsetDateTime max = row.getOffsetDateTime(1);
            if (max != null) {
              stations.stream().filter(s -> s.id.equals(row.getString(0)))
                  .forEach(s -> s.floor(max.toInstant().toEpochMilli() + 1));
            }
          }
          return null;
        }));
  }

  Future<Outcome> reconcile(List<Identity> stations, long tsMin, long tsMax, Long acked, UnackedLog unacked) {
    String[] ids = stations.stream().map(s -> s.id).distinct().toArray(String[]::new);
    if (tsMin > tsMax) {
      return Future.succeededFuture(new Outcome(0, acked == null ? null : acked, 0, 0, false));
    }
    // One snapshot for all the counts: a server still committing its backlog between them made readings stored
    // after the first count but before the look-ups count as stored-but-unacknowledged only, which showed as lost.
    return withConnection(c -> c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
        .compose(begun -> c.preparedQuery("SELECT count(*), count(DISTINCT (r.station_no, r.ts)) FROM readings r"
            + " JOIN stations s ON s.no = r.station_no WHERE s.id = ANY($1) AND r.ts >= $2 AND r.ts <= $3")
        .execute(Tuple.tuple().addValue(ids).addValue(time(tsMin)).addValue(time(tsMax))))
        .compose(rows -> {
          Row row = rows.iterator().next();
          long stored = row.getLong(0);
          long duplicates = stored - row.getLong(1);
          return storedAmong(c, stations, unacked, 0, 0L).map(storedUnacked -> {
            Long lost = acked == null ? null : Math.max(0, acked - (stored - duplicates - storedUnacked));
            return new Outcome(stored, lost, duplicates, storedUnacked, unacked.overflow() > 0);
          });
        }));
  }

  private Future<Long> storedAmong(PgConnection c, List<Identity> stations, UnackedLog unacked, int from, long sum) {
    int n = unacked.size();
    if (from >= n) {
      return Future.succeededFuture(sum);
    }
    int to = Math.min(n, from + CHUNK);
    String[] ids = new String[to - from];
    OffsetDateTime[] ts = new OffsetDateTime[to - from];
    for (int i = from; i < to; i++) {
      ids[i - from] = stations.get(unacked.stationAt(i)).id;
      ts[i - from] = time(unacked.tsAt(i));
    }
    return c.preparedQuery("SELECT count(*) FROM (SELECT DISTINCT u.id, u.ts FROM unnest($1::text[], $2::timestamptz[])"
            + " AS u(id, ts)) u JOIN stations s ON s.id = u.id JOIN readings r ON r.station_no = s.no AND r.ts = u.ts")
        .execute(Tuple.tuple().addValue(ids).addValue(ts)) // not Tuple.of(ids, ts): varargs would spread ts
        .compose(rows -> storedAmong(c, stations, unacked, to, sum + rows.iterator().next().getLong(0)));
  }

  private <T> Future<T> withConnection(java.util.function.Function<PgConnection, Future<T>> work) {
    return PgConnection.connect(vertx, options).compose(c -> work.apply(c).eventually(c::close));
  }

  private static OffsetDateTime time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
  }
}
