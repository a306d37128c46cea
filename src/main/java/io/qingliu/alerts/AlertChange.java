package io.qingliu.alerts;

import io.vertx.core.json.JsonObject;

/**
 * One committed change of one alert: its place in the server-wide sequence, what happened, and the alert as it is
 * now (the API's {@code Alert} shape).
 */
public record AlertChange(long seq, String event, JsonObject alert) {

  public long alertId() {
    return alert.getLong("id");
  }

  /** The WebSocket message for this change. */
  public JsonObject toMessage() {
    return new JsonObject().put("type", "alert").put("seq", seq).put("event", event).put("alert", alert);
  }

  public static AlertChange fromMessage(JsonObject message) {
    return new AlertChange(message.getLong("seq"), message.getString("event"), message.getJsonObject("alert"));
  }
}
