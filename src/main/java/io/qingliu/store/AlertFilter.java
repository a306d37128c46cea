package io.qingliu.store;

import java.time.Instant;

/**
 * What a history search asks for: alerts active at some time in {@code [from, to)} (opened before {@code to}, not
 * resolved before {@code from}), narrowed by whichever of station, kind, severity and state are not null.
 *
 * @param state {@code open} (neither acknowledged nor resolved), {@code acknowledged} (not resolved) or
 *     {@code resolved}, as the {@code Alert} object's {@code state}
 */
public record AlertFilter(Instant from, Instant to, String station, String kind, String severity, String state) {

  public static AlertFilter between(Instant from, Instant to) {
    return new AlertFilter(from, to, null, null, null, null);
  }

  public AlertFilter forStation(String stationId) {
    return new AlertFilter(from, to, stationId, kind, severity, state);
  }
}
