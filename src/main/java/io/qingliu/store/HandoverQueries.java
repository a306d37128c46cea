package io.qingliu.store;

import io.qingliu.model.Network;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** What a shift hands over: the alerts that fired in it, those still open, and what officers did to which alert. */
public final class HandoverQueries {

  /** Most rows per list; a shift with more has bigger problems than a long printout. */
  public static final int MAX_ROWS = 1_000;

  private final Pool pool;
  private final AlertJson json;

  public HandoverQueries(Pool pool, Network network) {
    this.pool = pool;
    this.json = new AlertJson(network);
  }

  /** {@code {"fired":[Alert],"open":[Alert],"actions":[{"at","actor","event","comment","alert":Alert}]}}. */
  public Future<JsonObject> summary(Instant from, Instant to) {
    Tuple window = Tuple.of(Timestamps.utc(from), Timestamps.utc(to), MAX_ROWS);
    Future<JsonArray> fired = pool.preparedQuery("SELECT * FROM alerts WHERE opened_at >= $1 AND opened_at < $2 "
        + "ORDER BY opened_at DESC, id DESC LIMIT $3").execute(window).map(rows -> new JsonArray(json.list(rows)));
    // Still open when the shift ends: not resolved, or resolved and never acknowledged (the desk still shows those).
    Future<JsonArray> open = pool.preparedQuery("SELECT * FROM alerts WHERE opened_at < $1 "
            + "AND (resolved_at IS NULL OR acknowledged_at IS NULL) ORDER BY opened_at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(Timestamps.utc(to), MAX_ROWS)).map(rows -> new JsonArray(json.list(rows)));
    Future<JsonArray> actions = pool.preparedQuery("SELECT a.*, e.at AS event_at, e.actor, e.event, "
            + "e.comment AS event_comment FROM alert_events e JOIN alerts a ON a.id = e.alert_id "
            + "WHERE e.at >= $1 AND e.at < $2 AND e.actor <> 'system' ORDER BY e.at DESC, e.seq DESC LIMIT $3")
        .execute(window).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row row : rows) {
            out.add(new JsonObject().put("at", AlertJson.iso(row.getOffsetDateTime("event_at")))
                .put("actor", row.getString("actor")).put("event", row.getString("event"))
                .put("comment", row.getString("event_comment")).put("alert", json.of(row)));
          }
          return out;
        });
    return Future.all(fired, open, actions).map(all -> new JsonObject().put("fired", fired.result())
        .put("open", open.result()).put("actions", actions.result()));
  }
}
