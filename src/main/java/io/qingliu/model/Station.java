package io.qingliu.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A monitoring station of the network.
 *
 * @param targetClass GB 3838 class the water body must meet (1..5), or 0 for outfalls, which answer to
 *     {@code permitLimits} instead
 * @param lake whether GB 3838's lake/reservoir rows apply (TP, TN)
 * @param intervalSeconds how often the station is expected to report; the offline check scales it
 * @param hj212 its data logger's HJ 212 identity, or null when it does not speak HJ 212
 */
public record Station(
    String id,
    String name,
    String nameEn,
    StationKind kind,
    String river,
    String reach,
    double km,
    int targetClass,
    boolean lake,
    int intervalSeconds,
    String secret,
    Set<Parameter> parameters,
    Map<Parameter, Double> permitLimits,
    Hj212Device hj212) {

  public Station {
    permitLimits = permitLimits.isEmpty() ? Map.of() : new EnumMap<>(permitLimits);
  }
}
