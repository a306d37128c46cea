package io.qingliu.store;

import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Reads a station's stored series back: for the API, and for the checks of a restarted shard. */
public final class ReadingQueries {

  /** Most rows one request returns; longer ranges are for the downsampled chart queries. */
  public static final int MAX_ROWS = 20_000;
  private static final String SELECT = select();
  /** The latest rows of a station, returned oldest first. */
  private static final String LATEST = "SELECT * FROM (" + columns()
      + " FROM readings WHERE station_no = $1 ORDER BY ts DESC LIMIT $2) latest ORDER BY ts";

  private final Pool pool;
  private final StationDirectory directory;

  public ReadingQueries(Pool pool, StationDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  private static String columns() {
    StringJoiner cols = new StringJoiner(", ");
    for (Parameter p : Parameter.values()) {
      cols.add(p.column());
    }
    return "SELECT ts, flags::text AS flags, " + cols;
  }

  private static String select() {
    return columns() + " FROM readings WHERE station_no = $1 AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT " + MAX_ROWS;
  }

  /**
   * The station's {@code limit} latest readings, oldest first, as the checks saw them (values and flags), so a
   * restarted shard can rebuild the state its checks kept.
   */
  public Future<List<Reading>> latest(String stationId, int limit) {
    return pool.preparedQuery(LATEST).execute(Tuple.of(directory.number(stationId), limit)).map(rows -> {
      List<Reading> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        double[] values = Reading.emptyValues();
        for (Parameter p : Parameter.values()) {
          Double v = row.getDouble(p.column());
          if (v != null) {
            values[p.ordinal()] = v;
          }
        }
        out.add(new Reading(stationId, row.getOffsetDateTime("ts").toInstant().toEpochMilli(), values,
            flags(row.getString("flags"))));
      }
      return out;
    });
  }

  /** The stored {@code {"ph":"D",…}} back as flags indexed by parameter; null when every value was normal. */
  private static String[] flags(String json) {
    if (json == null) {
      return null;
    }
    String[] flags = new String[Parameter.COUNT];
    new JsonObject(json).forEach(e -> flags[Parameter.byKey(e.getKey()).ordinal()] = (String) e.getValue());
    return flags;
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
