package io.qingliu.store;

import io.qingliu.model.Parameter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.StringJoiner;

/** Reads a station's stored series back for the API. */
public final class ReadingQueries {

  /** Most rows one request returns; longer ranges are for the downsampled chart queries. */
  public static final int MAX_ROWS = 20_000;
  private static final String SELECT = select();

  private final Pool pool;
  private final StationDirectory directory;

  public ReadingQueries(Pool pool, StationDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  private static String select() {
    StringJoiner cols = new StringJoiner(", ");
    for (Parameter p : Parameter.values()) {
      cols.add(p.column());
    }
    return "SELECT ts, flags::text AS flags, " + cols + " FROM readings WHERE station_no = $1 AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT "
        + MAX_ROWS;
  }

  /** Readings with {@code from <= ts < to}, oldest first, as {@code [{"ts","values":{…},"flags":{…}}]}. */
  public Future<JsonArray> range(String stationId, Instant from, Instant to) {
    return pool.preparedQuery(SELECT)
        .execute(Tuple.of(directory.number(stationId), OffsetDateTime.ofInstant(from, ZoneOffset.UTC),
            OffsetDateTime.ofInstant(to, ZoneOffset.UTC)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row row : rows) {
            JsonObject values = new JsonObject();
            for (Parameter p : Parameter.values()) {
              Double v = row.getDouble(p.column());
              if (v != null) {
                values.put(p.key(), v);
              }
            }
            JsonObject reading = new JsonObject().put("ts", row.getOffsetDateTime("ts").toInstant().toString())
                .put("values", values);
            String flags = row.getString("flags");
            if (flags != null) {
              reading.put("flags", new JsonObject(flags));
            }
            out.add(reading);
          }
          return out;
        });
  }
}
