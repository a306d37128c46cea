package io.qingliu.store;

import io.qingliu.model.Network;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;

/** Past and present alerts by time, station, kind, severity and state: the history view and the station chart. */
public final class AlertSearch {

  // A null filter value matches every row, so one prepared statement serves every combination.
  private static final String SQL = "SELECT * FROM alerts WHERE opened_at < $2 "
      + "AND (resolved_at IS NULL OR resolved_at >= $1) "
      + "AND ($3::text IS NULL OR station_id = $3) AND ($4::text IS NULL OR kind = $4) "
      + "AND ($5::text IS NULL OR severity = $5) "
      + "AND ($6::text IS NULL OR $6 = CASE WHEN resolved_at IS NOT NULL THEN 'resolved' "
      + "WHEN acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'open' END) "
      + "ORDER BY opened_at DESC, id DESC LIMIT $7";

  private final Pool pool;
  private final AlertJson json;

  public AlertSearch(Pool pool, Network network) {
    this.pool = pool;
    this.json = new AlertJson(network);
  }

  /** Matching alerts, newest first, at most {@code limit}. */
  public Future<List<JsonObject>> find(AlertFilter f, int limit) {
    return pool.preparedQuery(SQL)
        .execute(Tuple.of(Timestamps.utc(f.from()), Timestamps.utc(f.to()), f.station(), f.kind(), f.severity(),
            f.state(), limit))
        .map(json::list);
  }
}
