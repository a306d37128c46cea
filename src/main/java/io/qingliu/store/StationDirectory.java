package io.qingliu.store;

import io.qingliu.model.Network;
import io.qingliu.model.Station;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stations table: registers the network's stations at start-up and maps each station id to the small integer
 * the readings table is keyed by (4 bytes per row instead of a text id).
 */
public final class StationDirectory {

  private final Map<String, Integer> numbers;

  private StationDirectory(Map<String, Integer> numbers) {
    this.numbers = numbers;
  }

  public static Future<StationDirectory> register(Pool pool, Network network) {
    List<Tuple> rows = new ArrayList<>();
    for (Station s : network.stations()) {
      rows.add(Tuple.of(s.id(), s.name(), s.kind().key(), s.targetClass() > 0 ? (short) s.targetClass() : null));
    }
    return pool.preparedQuery("INSERT INTO stations (id, name, kind, target_class) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, "
            + "target_class = EXCLUDED.target_class, updated_at = now()")
        .executeBatch(rows)
        .compose(done -> pool.query("SELECT no, id FROM stations").execute())
        .map(result -> {
          Map<String, Integer> numbers = new HashMap<>();
          for (Row row : result) {
            numbers.put(row.getString("id"), row.getInteger("no"));
          }
          return new StationDirectory(numbers);
        });
  }

  /** The station's number, or -1 when it is not registered. */
  public int number(String stationId) {
    Integer n = numbers.get(stationId);
    return n == null ? -1 : n;
  }
}
