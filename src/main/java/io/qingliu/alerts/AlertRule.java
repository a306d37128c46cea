package io.qingliu.alerts;

import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Severity;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/**
 * One line of {@code alerts.rules}: which findings it matches (by alert kind, parameter, station kind and the
 * station's GB 3838 target class; an absent field matches anything), the severity it gives them (absent: the check's
 * own), and what must hold before the alert opens: {@code kOfN} {@code [k, n]}, k of the last n readings bad (for
 * exceedance and rate conditions, whose checks count readings; absent: the check's own), and {@code forMinutes}, how
 * long the condition has fired (in the readings' time; 0 opens at once).
 *
 * @param targetClass 0 matches any station
 * @param k with {@code n}: the rule's k of n, both 0 when it sets none
 */
public record AlertRule(AlertKind kind, Parameter parameter, StationKind stationKind, int targetClass,
    Severity severity, long forMillis, int k, int n) {

  /** The kinds whose checks count readings, so a rule's k of n can apply. */
  static final Set<AlertKind> COUNTED = EnumSet.of(AlertKind.EXCEEDANCE, AlertKind.RATE);

  public static AlertRule fromJson(JsonObject json) {
    String parameter = json.getString("parameter");
    Parameter p = parameter == null ? null : Parameter.byKey(parameter);
    if (parameter != null && p == null) {
      throw new IllegalArgumentException("alerts.rules: unknown parameter " + parameter);
    }
    String kind = json.getString("kind");
    String stationKind = json.getString("stationKind");
    String severity = json.getString("severity");
    // Absent and null mean the same, so a rule read back from GET /api/v1/alert-rules can be PUT again.
    double minutes = json.getValue("forMinutes") == null ? 0 : json.getDouble("forMinutes");
    if (minutes < 0) {
      throw new IllegalArgumentException("alerts.rules: forMinutes must not be negative");
    }
    int targetClass = json.getValue("targetClass") == null ? 0 : json.getInteger("targetClass");
    if (targetClass < 0 || targetClass > 5) {
      throw new IllegalArgumentException("alerts.rules: targetClass is 1 to 5");
    }
    AlertKind alertKind = kind == null ? null : AlertKind.of(kind);
    int[] kOfN = kOfN(json.getValue("kOfN"), alertKind);
    return new AlertRule(alertKind, p, stationKind == null ? null : StationKind.of(stationKind), targetClass,
        severity == null ? null : Severity.of(severity), Math.round(minutes * 60_000), kOfN[0], kOfN[1]);
  }

  private static int[] kOfN(Object value, AlertKind kind) {
    if (value == null) {
      return new int[] {0, 0};
    }
    if (!COUNTED.contains(kind)) {
      throw new IllegalArgumentException("alerts.rules: kOfN needs kind exceedance or rate, whose checks count readings");
    }
    if (!(value instanceof JsonArray a) || a.size() != 2 || !(a.getValue(0) instanceof Integer k)
        || !(a.getValue(1) instanceof Integer n) || k < 1 || k > n || n > 31) {
      throw new IllegalArgumentException("alerts.rules: kOfN is [k, n] with 1 <= k <= n <= 31");
    }
    return new int[] {k, n};
  }

  public boolean matches(Finding f, StationKind station) {
    return matches(f.kind(), f.parameter(), station, f.targetClass());
  }

  /** Whether the rule covers the condition of {@code alertKind} on {@code p} at a station of this kind and class. */
  public boolean matches(AlertKind alertKind, Parameter p, StationKind station, int stationClass) {
    return (kind == null || kind == alertKind) && (parameter == null || parameter == p)
        && (stationKind == null || stationKind == station) && (targetClass == 0 || targetClass == stationClass);
  }

  /** The rule's {@code {k, n}}, or null when it leaves the check's own. */
  public int[] kOfN() {
    return k == 0 ? null : new int[] {k, n};
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind == null ? null : kind.key())
        .put("parameter", parameter == null ? null : parameter.key())
        .put("stationKind", stationKind == null ? null : stationKind.key())
        .put("targetClass", targetClass == 0 ? null : targetClass)
        .put("severity", severity == null ? null : severity.key())
        .put("forMinutes", forMillis / 60_000.0)
        .put("kOfN", k == 0 ? null : new JsonArray().add(k).add(n));
  }
}
