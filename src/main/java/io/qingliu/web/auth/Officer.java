package io.qingliu.web.auth;

import io.vertx.core.json.JsonObject;

/** A logged-in person. Roles: {@code viewer} reads, {@code officer} also acknowledges and resolves, {@code admin} also sets
 * silences. */
public record Officer(String username, String displayName, String role) {

  public boolean canAct() {
    return "officer".equals(role) || "admin".equals(role);
  }

  /** Only an admin edits silences, rules and stations. */
  public boolean isAdmin() {
    return "admin".equals(role);
  }

  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("displayName", displayName).put("role", role);
  }

  public static Officer fromJson(JsonObject json) {
    return new Officer(json.getString("username"), json.getString("displayName"), json.getString("role"));
  }
}
