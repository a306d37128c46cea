package io.qingliu.alerts;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A maintenance window or silence: while it runs, the alerts it matches stay on the desk but page nobody and are never
 * escalated. Null station, kind or parameter match anything.
 */
public record Silence(long id, String stationId, String kind, String parameter, String reason, String createdBy,
    long createdAtMillis, long startsAtMillis, long endsAtMillis) {

  /** The {@code muted} value of the alerts it mutes. */
  public String mutes() {
    return "silence:" + id;
  }

  public boolean matches(String station, String alertKind, String alertParameter, long nowMillis) {
    return nowMillis >= startsAtMillis && nowMillis < endsAtMillis
        && (stationId == null || stationId.equals(station)) && (kind == null || kind.equals(alertKind))
        && (parameter == null || parameter.equals(alertParameter));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("stationId", stationId).put("kind", kind).put("parameter", parameter)
        .put("reason", reason).put("createdBy", createdBy)
        .put("createdAt", Instant.ofEpochMilli(createdAtMillis).toString())
        .put("startsAt", Instant.ofEpochMilli(startsAtMillis).toString())
        .put("endsAt", Instant.ofEpochMilli(endsAtMillis).toString());
  }
}
