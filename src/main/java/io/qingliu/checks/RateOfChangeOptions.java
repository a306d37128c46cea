package io.qingliu.checks;

import io.qingliu.model.Parameter;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rate-of-change check on regulated parameters ({@code checks.rateOfChange}; when the key is absent the check is
 * off). A parameter that worsens by more than its allowed change within the window (rises; for DO falls; for pH
 * moves either way) fires for k of n readings: a discharge shows up as a steep rise long before the level crosses
 * the class limit.
 */
public final class RateOfChangeOptions {

  /** Minutes over which the change is measured. */
  public static final int DEFAULT_WINDOW_MINUTES = 60;
  /** Allowed change as a fraction of the station's own limit (target class, or the outfall's permit). */
  public static final double DEFAULT_FRACTION_OF_LIMIT = 0.5;
  /** pH has a range, not a limit, so it gets an absolute allowance (pH units per window). */
  public static final double DEFAULT_PH_CHANGE = 1.0;
  /** Readings, out of the last {@link #DEFAULT_N}, whose change is too steep before it fires: one glitch never does. */
  public static final int DEFAULT_K = 2;
  public static final int DEFAULT_N = 3;
  /** Consecutive readings within the allowance (less the hysteresis) before it clears. */
  public static final int DEFAULT_CLEAR_AFTER = 3;

  private int windowMinutes = DEFAULT_WINDOW_MINUTES;
  private double fractionOfLimit = DEFAULT_FRACTION_OF_LIMIT;
  private final Map<Parameter, Double> maxChange = new EnumMap<>(Map.of(Parameter.PH, DEFAULT_PH_CHANGE));
  private int k = DEFAULT_K;
  private int n = DEFAULT_N;
  private int clearAfter = DEFAULT_CLEAR_AFTER;

  public RateOfChangeOptions() {}

  /** {@code {"windowMinutes":60,"fractionOfLimit":0.5,"maxChange":{"ph":1.0,"nh3n":0.3},"k":2,"n":3,"clearAfter":3}} */
  public RateOfChangeOptions(JsonObject json) {
    windowMinutes = json.getInteger("windowMinutes", windowMinutes);
    fractionOfLimit = json.getDouble("fractionOfLimit", fractionOfLimit);
    json.getJsonObject("maxChange", new JsonObject()).forEach(e -> {
      Parameter p = Parameter.byKey(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException("checks.rateOfChange.maxChange: unknown parameter " + e.getKey());
      }
      maxChange.put(p, ((Number) e.getValue()).doubleValue());
    });
    k = json.getInteger("k", k);
    n = json.getInteger("n", n);
    clearAfter = json.getInteger("clearAfter", clearAfter);
    if (windowMinutes < 1 || !(fractionOfLimit > 0)) {
      throw new IllegalArgumentException("checks.rateOfChange: windowMinutes >= 1 and fractionOfLimit > 0 needed");
    }
    newLatch(null); // refuses a k, n or clearAfter the latch cannot take, at start-up rather than per station
  }

  /** The change allowed within the window: configured for the parameter, else the fraction of its limit; NaN = none. */
  public double maxChange(Parameter p, double limit) {
    Double configured = maxChange.get(p);
    return configured != null ? configured : fractionOfLimit * limit;
  }

  public int getWindowMinutes() { return windowMinutes; }
  public RateOfChangeOptions setWindowMinutes(int windowMinutes) { this.windowMinutes = windowMinutes; return this; }
  public double getFractionOfLimit() { return fractionOfLimit; }
  public RateOfChangeOptions setFractionOfLimit(double f) { this.fractionOfLimit = f; return this; }
  public RateOfChangeOptions setMaxChange(Parameter p, double change) { maxChange.put(p, change); return this; }

  /** @param kOfN a rule's {@code {k, n}} instead of these options' (null: these) */
  KOfNLatch newLatch(int[] kOfN) {
    return kOfN == null ? new KOfNLatch(k, n, clearAfter) : new KOfNLatch(kOfN[0], kOfN[1], clearAfter);
  }
}
