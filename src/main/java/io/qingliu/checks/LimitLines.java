package io.qingliu.checks;

import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The lines a station's charts draw: for a river or lake station the GB 3838 limits of its target class (an upper
 * bound, DO's lower bound, pH's range), for an outfall its permit limits.
 */
public final class LimitLines {

  private final WaterQualityStandard standard;

  public LimitLines(WaterQualityStandard standard) {
    this.standard = standard;
  }

  /**
   * {@code {"nh3n":{"max":1.0},"do":{"min":5.0},"ph":{"min":6.0,"max":9.0}}}; parameters without a limit are left out.
   */
  public JsonObject of(Station s) {
    JsonObject out = new JsonObject();
    if (s.targetClass() == 0) {
      for (Map.Entry<Parameter, Double> e : s.permitLimits().entrySet()) {
        out.put(e.getKey().key(), new JsonObject().put("max", e.getValue()));
      }
      return out;
    }
    for (Parameter p : s.parameters()) {
      if (!standard.assesses(p, s.lake())) {
        continue;
      }
      JsonObject line = new JsonObject();
      if (standard.isRange(p)) {
        // limit() names the bound on the side of the value it is given.
        line.put("min", standard.limit(p, s.targetClass(), s.lake(), Double.NEGATIVE_INFINITY))
            .put("max", standard.limit(p, s.targetClass(), s.lake(), Double.POSITIVE_INFINITY));
      } else {
        line.put(standard.lowerIsWorse(p) ? "min" : "max", standard.limit(p, s.targetClass(), s.lake(), 0));
      }
      out.put(p.key(), line);
    }
    return out;
  }
}
