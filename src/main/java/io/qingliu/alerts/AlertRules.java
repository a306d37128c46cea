package io.qingliu.alerts;

import io.qingliu.checks.Debounce;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert rules in force: those of the configuration until an admin sets others through the API, then the latest
 * set stored in PostgreSQL. Read by every shard's alert book when a finding fires, replaced whole, so readers need no
 * lock.
 */
public final class AlertRules {

  /** One version of the rules: who set it and when ({@code setBy} "config" for the configuration's). */
  public record Version(long version, List<AlertRule> rules, String setBy, long setAtMillis) {

    /**
     * The k of n these rules set for the conditions of a station of this kind and class: as for severity, the first
     * rule that matches a condition decides.
     */
    public Debounce debounce(StationKind stationKind, int targetClass) {
      return (kind, parameter) -> {
        for (AlertRule r : rules) {
          if (r.matches(kind, parameter, stationKind, targetClass)) {
            return r.kOfN();
          }
        }
        return null;
      };
    }

    /** Whether any rule sets a k of n, so a change of rules may change how stations' checks count. */
    public boolean counts() {
      return rules.stream().anyMatch(r -> r.k() > 0);
    }

    public JsonObject toJson() {
      JsonArray list = new JsonArray();
      rules.forEach(r -> list.add(r.toJson()));
      return new JsonObject().put("version", version).put("rules", list).put("setBy", setBy)
          .put("setAt", setAtMillis == 0 ? null : Instant.ofEpochMilli(setAtMillis).toString());
    }
  }

  private volatile Version current;

  public AlertRules(List<AlertRule> configured) {
    current = new Version(0, List.copyOf(configured), "config", 0);
  }

  public Version current() {
    return current;
  }

  public void replace(Version next) {
    current = next;
  }

  /** Rules from their JSON form; throws {@link IllegalArgumentException} saying what is wrong with which rule. */
  public static List<AlertRule> parse(JsonArray json) {
    List<AlertRule> out = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      Object rule = json.getValue(i);
      if (!(rule instanceof JsonObject o)) {
        throw new IllegalArgumentException("rule " + (i + 1) + " is not an object");
      }
      try {
        out.add(AlertRule.fromJson(o));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("rule " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
