package io.qingliu.alerts;

import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Severity;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonObject;

/**
 * One line of {@code alerts.rules}: which findings it matches (by alert kind, parameter, station kind and the
 * station's GB 3838 target class; an absent field matches anything), the severity it gives them (absent: the check's
 * own), and how long the condition must hold before the alert opens ({@code forMinutes}, in the readings' time; 0
 * opens at once).
 *
 * @param targetClass 0 matches any station
 */
public record AlertRule(AlertKind kind, Parameter parameter, StationKind stationKind, int targetClass,
    Severity severity, long forMillis) {

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
    return new AlertRule(kind == null ? null : AlertKind.of(kind), p,
        stationKind == null ? null : StationKind.of(stationKind), targetClass,
        severity == null ? null : Severity.of(severity), Math.round(minutes * 60_000));
  }

  public boolean matches(Finding f, StationKind station) {
    return (kind == null || kind == f.kind()) && (parameter == null || parameter == f.parameter())
        && (stationKind == null || stationKind == station) && (targetClass == 0 || targetClass == f.targetClass());
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind == null ? null : kind.key())
        .put("parameter", parameter == null ? null : parameter.key())
        .put("stationKind", stationKind == null ? null : stationKind.key())
        .put("targetClass", targetClass == 0 ? null : targetClass)
        .put("severity", severity == null ? null : severity.key())
        .put("forMinutes", forMillis / 60_000.0);
  }
}
