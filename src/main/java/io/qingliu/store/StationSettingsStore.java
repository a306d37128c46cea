package io.qingliu.store;

import io.qingliu.model.StationSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The versions of the station settings admins set; a station's latest is in force over the network file's. */
public final class StationSettingsStore {

  /** One change: the whole settings after it, who made it and when. */
  public record Version(long version, String stationId, JsonObject settings, String setBy, long setAtMillis) {

    public JsonObject toJson() {
      return new JsonObject().put("version", version).put("stationId", stationId).put("settings", settings)
          .put("setBy", setBy).put("setAt", Instant.ofEpochMilli(setAtMillis).toString());
    }
  }

  private final Pool pool;

  public StationSettingsStore(Pool pool) {
    this.pool = pool;
  }

  /** The latest version of every station an admin ever changed, by station id. */
  public Future<Map<String, Version>> latest() {
    return pool.query("SELECT DISTINCT ON (station_id) * FROM station_settings ORDER BY station_id, version DESC")
        .execute()
        .map(rows -> {
          Map<String, Version> out = new LinkedHashMap<>();
          rows.forEach(row -> out.put(row.getString("station_id"), version(row)));
          return out;
        });
  }

  /** A station's versions, newest first. */
  public Future<List<Version>> history(String stationId, int limit) {
    return pool.preparedQuery("SELECT * FROM station_settings WHERE station_id = $1 ORDER BY version DESC LIMIT $2")
        .execute(Tuple.of(stationId, limit))
        .map(rows -> {
          List<Version> out = new ArrayList<>();
          rows.forEach(row -> out.add(version(row)));
          return out;
        });
  }

  /** Keeps a new version and the station's name and class in the stations table, in one transaction. */
  public Future<Version> save(String stationId, StationSettings settings, String by, long atMillis) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO station_settings (station_id, settings, "
                + "set_by, set_at) VALUES ($1, $2, $3, $4) RETURNING *")
            .execute(Tuple.of(stationId, settings.toJson(), by, Timestamps.utc(Instant.ofEpochMilli(atMillis))))
            .compose(rows -> conn.preparedQuery("UPDATE stations SET name = $2, target_class = $3, updated_at = now() "
                    + "WHERE id = $1")
                .execute(Tuple.of(stationId, settings.name(),
                    settings.targetClass() > 0 ? (short) settings.targetClass() : null))
                .map(updated -> version(rows.iterator().next()))));
  }

  private static Version version(Row row) {
    return new Version(row.getLong("version"), row.getString("station_id"), (JsonObject) row.getValue("settings"),
        row.getString("set_by"), row.getOffsetDateTime("set_at").toInstant().toEpochMilli());
  }
}
