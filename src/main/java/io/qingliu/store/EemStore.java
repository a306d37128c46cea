package io.qingliu.store;

import io.qingliu.model.Eem;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spectra of the fingerprint stations: each grid once in {@code eem_grids}, each spectrum as a float4 array. A
 * spectrum sent twice (same station and time) is stored once.
 */
public final class EemStore {

  private final Pool pool;
  private final StationDirectory directory;
  /** Grid ids already known, keyed by the grid's wavelengths; a network has a handful of instrument types. */
  private final Map<String, Integer> grids = new ConcurrentHashMap<>();

  public EemStore(Pool pool, StationDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  public Future<Void> insert(Eem eem) {
    return gridId(eem.ex(), eem.em()).compose(grid -> pool.preparedQuery(
            "INSERT INTO eem_spectra (station_no, ts, received_at, grid_id, instrument, units, intensity) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (station_no, ts) DO NOTHING")
        .execute(Tuple.from(new Object[] {directory.number(eem.stationId()), time(eem.tsMillis()),
            OffsetDateTime.now(ZoneOffset.UTC), grid, eem.instrument(), eem.units(), boxed(eem.intensity())})))
        .mapEmpty();
  }

  /** The id of a grid, stored once (references share the spectra's grids). */
  Future<Integer> gridId(float[] ex, float[] em) {
    String key = Arrays.toString(ex) + Arrays.toString(em);
    Integer known = grids.get(key);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    // The no-op update makes RETURNING give the id of a grid that already exists.
    return pool.preparedQuery("INSERT INTO eem_grids (ex, em) VALUES ($1, $2) ON CONFLICT (ex, em) "
            + "DO UPDATE SET ex = EXCLUDED.ex RETURNING id")
        .execute(Tuple.tuple().addArrayOfFloat(boxed(ex)).addArrayOfFloat(boxed(em)))
        .map(rows -> {
          int id = rows.iterator().next().getInteger("id");
          grids.put(key, id);
          return id;
        });
  }

  /** The spectra of a station between two times, without their values: {@code [{"ts","gridId","instrument"}]}. */
  public Future<JsonArray> list(String stationId, Instant from, Instant to) {
    return pool.preparedQuery("SELECT ts, grid_id, instrument, units FROM eem_spectra WHERE station_no = $1 "
            + "AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT 1000")
        .execute(Tuple.of(directory.number(stationId), time(from.toEpochMilli()), time(to.toEpochMilli())))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("ts", r.getOffsetDateTime("ts").toInstant().toString())
                .put("gridId", r.getInteger("grid_id")).put("instrument", r.getString("instrument"))
                .put("units", r.getString("units")));
          }
          return out;
        });
  }

  /**
   * The station's latest spectra that tracing did not find anomalous (no row in {@code trace_matches}), oldest first:
   * a restarted server rebuilds its baselines from them.
   */
  public Future<List<Eem>> recentNormal(String stationId, int n) {
    return pool.preparedQuery("SELECT s.ts, s.instrument, s.units, s.intensity, g.ex, g.em FROM eem_spectra s "
            + "JOIN eem_grids g ON g.id = s.grid_id WHERE s.station_no = $1 AND NOT EXISTS (SELECT 1 FROM trace_matches m "
            + "WHERE m.station_id = $2 AND m.ts = s.ts) ORDER BY s.ts DESC LIMIT $3")
        .execute(Tuple.of(directory.number(stationId), stationId, n))
        .map(rows -> {
          List<Eem> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(0, new Eem(stationId, r.getOffsetDateTime("ts").toInstant().toEpochMilli(),
                unboxed(r.getArrayOfFloats("ex")), unboxed(r.getArrayOfFloats("em")),
                unboxed(r.getArrayOfFloats("intensity")), r.getString("instrument"), r.getString("units")));
          }
          return out;
        });
  }

  /** One spectrum back in the exchange format it came in, or null. */
  public Future<JsonObject> get(String stationId, Instant ts) {
    return pool.preparedQuery("SELECT s.ts, s.instrument, s.units, s.corrections::text AS corrections, g.ex, g.em, "
            + "s.intensity FROM eem_spectra s JOIN eem_grids g ON g.id = s.grid_id WHERE s.station_no = $1 AND s.ts = $2")
        .execute(Tuple.of(directory.number(stationId), time(ts.toEpochMilli())))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return exchange(r).put("station", stationId).put("ts", r.getOffsetDateTime("ts").toInstant().toString())
              .put("corrections", new JsonObject(r.getString("corrections")));
        });
  }

  /** The exchange format's spectrum fields of a row joined with its grid (instrument, units, ex, em, intensity). */
  static JsonObject exchange(Row r) {
    Float[] ex = r.getArrayOfFloats("ex");
    Float[] em = r.getArrayOfFloats("em");
    Float[] cells = r.getArrayOfFloats("intensity");
    JsonArray intensity = new JsonArray();
    for (int i = 0; i < ex.length; i++) {
      JsonArray row = new JsonArray();
      for (int j = 0; j < em.length; j++) {
        row.add(cells[i * em.length + j]);
      }
      intensity.add(row);
    }
    return new JsonObject().put("instrument", r.getString("instrument")).put("units", r.getString("units"))
        .put("ex", new JsonArray(List.of(ex))).put("em", new JsonArray(List.of(em))).put("intensity", intensity);
  }

  static Float[] boxed(float[] v) {
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.isNaN(v[i]) ? null : v[i];
    }
    return out;
  }

  /** A stored float4 array back to values, NaN where a cell is missing. */
  static float[] unboxed(Float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] == null ? Float.NaN : v[i];
    }
    return out;
  }

  static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
