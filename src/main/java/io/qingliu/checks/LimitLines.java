package io.qingliu.checks;

import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import java.util.EnumMap;
import java.util.Map;

/**
 * The lines a station's charts draw: for a river or lake station the GB 3838 limits of its target class (an upper
 * bound, DO's lower bound, pH's range), for an outfall its permit limits.
 */
public final class LimitLines {

  /** A parameter's bounds; null where it has none on that side. */
  public record Bounds(Double min, Double max) {}

  private final WaterQualityStandard standard;

  public LimitLines(WaterQualityStandard standard) {
    this.standard = standard;
  }

  /** The bounds of each of the station's parameters that has one, in parameter order. */
  public Map<Parameter, Bounds> of(Station s) {
    Map<Parameter, Bounds> out = new EnumMap<>(Parameter.class);
    if (s.targetClass() == 0) {
      s.permitLimits().forEach((p, max) -> out.put(p, new Bounds(null, max)));
      return out;
    }
    for (Parameter p : s.parameters()) {
      if (!standard.assesses(p, s.lake())) {
        continue;
      }
      // limit() names the bound on the side of the value it is given: only pH's range has two.
      double below = standard.limit(p, s.targetClass(), s.lake(), Double.NEGATIVE_INFINITY);
      double above = standard.limit(p, s.targetClass(), s.lake(), Double.POSITIVE_INFINITY);
      if (standard.isRange(p)) {
        out.put(p, new Bounds(below, above));
      } else if (standard.lowerIsWorse(p)) {
        out.put(p, new Bounds(below, null));
      } else {
        out.put(p, new Bounds(null, above));
      }
    }
    return out;
  }
}
