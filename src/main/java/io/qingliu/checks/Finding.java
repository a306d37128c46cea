package io.qingliu.checks;

import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Severity;

/**
 * What a check concluded about one station: a condition that is firing (an alert should be open) or that stopped
 * (it should be resolved). Checks state facts; the alert book decides what changes.
 *
 * @param parameter null for station-level findings (offline)
 * @param limit NaN when there is none
 * @param waterClass GB 3838 class of {@code value} (0 when not assessed)
 */
public record Finding(
    AlertKind kind,
    String stationId,
    Parameter parameter,
    boolean firing,
    double value,
    double limit,
    int waterClass,
    int targetClass,
    Severity severity,
    String message,
    long atMillis) {

  /** The same finding at another severity (an alert rule's). */
  public Finding withSeverity(Severity s) {
    return new Finding(kind, stationId, parameter, firing, value, limit, waterClass, targetClass, s, message, atMillis);
  }

  public String parameterKey() {
    return parameter == null ? "" : parameter.key();
  }
}
