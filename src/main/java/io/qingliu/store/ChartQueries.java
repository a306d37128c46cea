package io.qingliu.store;

import io.qingliu.model.Parameter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * A station's series downsampled in PostgreSQL for charts: time buckets with min, avg and max of each parameter, so
 * 30 days of 1-minute data (43,200 rows) leave the database as at most {@link #MAX_POINTS} rows.
 */
public final class ChartQueries {

  /** Most buckets one chart query returns (a chart is rarely wider than 1,000 pixels). */
  public static final int MAX_POINTS = 1_000;
  /** Bucket widths people read easily; the narrowest that keeps a range within {@link #MAX_POINTS} is used. */
  private static final long[] STRIDES = {60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400};

  private final Pool pool;
  private final StationDirectory directory;

  public ChartQueries(Pool pool, StationDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  /** The bucket width for a range: the narrowest nice stride giving at most {@link #MAX_POINTS} buckets. */
  public static long bucketSeconds(Instant from, Instant to) {
    // One bucket fewer than the cap: a range not aligned to the stride touches one bucket more than it spans.
    long needed = Math.max(1, -Math.floorDiv(-Duration.between(from, to).getSeconds(), MAX_POINTS - 1));
    for (long s : STRIDES) {
      if (s >= needed) {
        return s;
      }
    }
    return -Math.floorDiv(-needed, 86_400) * 86_400;
  }

  /**
   * Buckets of {@code from <= ts < to} as columns uPlot draws directly:
   * {@code {"bucketSeconds","ts":[epoch s…],"series":{"nh3n":{"min":[…],"avg":[…],"max":[…]}}}}, null where a bucket
   * has no value of a parameter. Buckets are aligned to the epoch so they stay put as the window slides.
   */
  public Future<JsonObject> buckets(String stationId, Collection<Parameter> parameters, Instant from, Instant to) {
    long stride = bucketSeconds(from, to);
    return pool.preparedQuery(sql(parameters))
        .execute(Tuple.of(directory.number(stationId), Timestamps.utc(from), Timestamps.utc(to), (double) stride))
        .map(rows -> {
          JsonArray ts = new JsonArray();
          JsonObject series = new JsonObject();
          for (Parameter p : parameters) {
            series.put(p.key(), new JsonObject().put("min", new JsonArray()).put("avg", new JsonArray())
                .put("max", new JsonArray()));
          }
          for (Row row : rows) {
            ts.add(row.getLong("bucket"));
            for (Parameter p : parameters) {
              JsonObject s = series.getJsonObject(p.key());
              s.getJsonArray("min").add(row.getDouble("min_" + p.key()));
              s.getJsonArray("avg").add(row.getDouble("avg_" + p.key()));
              s.getJsonArray("max").add(row.getDouble("max_" + p.key()));
            }
          }
          return new JsonObject().put("bucketSeconds", stride).put("ts", ts).put("series", series);
        });
  }

  /**
   * Column names come from {@link Parameter}, never from a request. The bucket is computed in a subquery kept apart
   * by {@code OFFSET 0} on purpose: grouping by the date_bin expression itself makes the planner expect one group per
   * row and sort 43,200 rows (spilling to disk at the default work_mem); grouping by a subquery column it has no
   * statistics for, it hashes the few hundred groups in memory instead (about 30 ms instead of 35-125 ms for 30 days
   * of 1-minute data).
   */
  private static String sql(Collection<Parameter> parameters) {
    StringJoiner cols = new StringJoiner(", ");
    StringJoiner raw = new StringJoiner(", ");
    for (Parameter p : parameters) {
      raw.add(p.column());
      cols.add("min(" + p.column() + ") AS min_" + p.key());
      cols.add("avg(" + p.column() + ") AS avg_" + p.key());
      cols.add("max(" + p.column() + ") AS max_" + p.key());
    }
    return "SELECT extract(epoch FROM bucket)::bigint AS bucket" + (parameters.isEmpty() ? "" : ", " + cols)
        + " FROM (SELECT date_bin(make_interval(secs => $4), ts, TIMESTAMPTZ 'epoch') AS bucket"
        + (parameters.isEmpty() ? "" : ", " + raw)
        + " FROM readings WHERE station_no = $1 AND ts >= $2 AND ts < $3 OFFSET 0) AS r GROUP BY r.bucket"
        + " ORDER BY r.bucket";
  }
}
