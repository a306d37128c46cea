package io.qingliu.store;

import io.qingliu.alerts.AlertRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** The versions of the alert rules an admin set; the latest is in force. */
public final class AlertRuleStore {

  private final Pool pool;

  public AlertRuleStore(Pool pool) {
    this.pool = pool;
  }

  /** The latest version, or null when no admin ever set rules (the configuration's apply). */
  public Future<AlertRules.Version> latest() {
    return pool.query("SELECT * FROM alert_rule_versions ORDER BY version DESC LIMIT 1").execute()
        .map(rows -> rows.size() == 0 ? null : version(rows.iterator().next()));
  }

  /** Stores a new version; the rules must have been parsed already (see {@link AlertRules#parse}). */
  public Future<AlertRules.Version> save(JsonArray rules, String by, long atMillis) {
    return pool.preparedQuery("INSERT INTO alert_rule_versions (rules, set_by, set_at) VALUES ($1, $2, $3) "
            + "RETURNING *")
        .execute(Tuple.of(rules, by, Timestamps.utc(Instant.ofEpochMilli(atMillis))))
        .map(rows -> version(rows.iterator().next()));
  }

  private static AlertRules.Version version(Row row) {
    return new AlertRules.Version(row.getLong("version"), AlertRules.parse((JsonArray) row.getValue("rules")),
        row.getString("set_by"), row.getOffsetDateTime("set_at").toInstant().toEpochMilli());
  }
}
