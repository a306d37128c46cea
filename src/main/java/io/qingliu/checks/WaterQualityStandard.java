package io.qingliu.checks;

import io.qingliu.model.Parameter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * GB 3838-2002 single-factor classification (单因子评价), loaded from {@code config/standards/gb3838-2002.json}.
 *
 * <p>Classes are 1..5 for I..V and {@link #WORSE_THAN_V} (6) for 劣V; 0 means "not assessed" (no limit for the
 * parameter, or TN in a river).
 */
public final class WaterQualityStandard {

  public static final int WORSE_THAN_V = 6;
  public static final int NOT_ASSESSED = 0;

  private enum Kind { MAX, MIN, RANGE }

  private record Rule(Kind kind, double[] limits, double[] lakeLimits, boolean lakeOnly, double min, double max) {}

  private final Map<Parameter, Rule> rules;

  private WaterQualityStandard(Map<Parameter, Rule> rules) {
    this.rules = rules;
  }

  public static WaterQualityStandard fromJson(JsonObject json) {
    Map<Parameter, Rule> rules = new EnumMap<>(Parameter.class);
    JsonObject params = json.getJsonObject("parameters");
    for (String key : params.fieldNames()) {
      Parameter p = Parameter.byKey(key);
      if (p == null) {
        throw new IllegalArgumentException("standard names unknown parameter '" + key + "'");
      }
      JsonObject r = params.getJsonObject(key);
      Kind kind = Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT));
      rules.put(p, new Rule(kind, doubles(r.getJsonArray("limits")), doubles(r.getJsonArray("lakeLimits")),
          r.getBoolean("lakeOnly", false), r.getDouble("min", Double.NaN), r.getDouble("max", Double.NaN)));
    }
    return new WaterQualityStandard(rules);
  }

  private static double[] doubles(JsonArray a) {
    if (a == null) {
      return null;
    }
    if (a.size() != 5) {
      throw new IllegalArgumentException("a class table needs 5 limits (I..V), got " + a);
    }
    double[] d = new double[5];
    for (int i = 0; i < 5; i++) {
      d[i] = a.getDouble(i);
    }
    return d;
  }

  public boolean assesses(Parameter p, boolean lake) {
    Rule r = rules.get(p);
    return r != null && (lake || !r.lakeOnly);
  }

  /** The class of one value; {@link #NOT_ASSESSED} when the standard has nothing to say about it. */
  public int classify(Parameter p, double value, boolean lake) {
    Rule r = rules.get(p);
    if (r == null || (r.lakeOnly && !lake) || Double.isNaN(value)) {
      return NOT_ASSESSED;
    }
    switch (r.kind) {
      case RANGE:
        return value >= r.min && value <= r.max ? 1 : WORSE_THAN_V;
      case MIN: {
        double[] l = r.limits;
        for (int i = 0; i < 5; i++) {
          if (value >= l[i]) {
            return i + 1;
          }
        }
        return WORSE_THAN_V;
      }
      default: {
        double[] l = lake && r.lakeLimits != null ? r.lakeLimits : r.limits;
        for (int i = 0; i < 5; i++) {
          if (value <= l[i]) {
            return i + 1;
          }
        }
        return WORSE_THAN_V;
      }
    }
  }

  /** The limit a value must meet to be in {@code targetClass}; for pH the bound on the side {@code value} is on. */
  public double limit(Parameter p, int targetClass, boolean lake, double value) {
    Rule r = rules.get(p);
    if (r == null || targetClass < 1 || targetClass > 5) {
      return Double.NaN;
    }
    if (r.kind == Kind.RANGE) {
      return value < r.min ? r.min : r.max;
    }
    double[] l = lake && r.lakeLimits != null ? r.lakeLimits : r.limits;
    return l[targetClass - 1];
  }

  /** True for DO, where a lower value is worse. */
  public boolean lowerIsWorse(Parameter p) {
    Rule r = rules.get(p);
    return r != null && r.kind == Kind.MIN;
  }

  /** True for pH, where both sides of a range are non-compliant. */
  public boolean isRange(Parameter p) {
    Rule r = rules.get(p);
    return r != null && r.kind == Kind.RANGE;
  }
}
