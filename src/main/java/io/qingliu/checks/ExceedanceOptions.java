package io.qingliu.checks;

import io.vertx.core.json.JsonObject;

/** Tuning of the exceedance check: persistence (k of the last n readings) and hysteresis on the way back. */
public class ExceedanceOptions {

  /** Bad readings among the last {@link #DEFAULT_WINDOW} that open an alert. */
  public static final int DEFAULT_K = 3;
  public static final int DEFAULT_WINDOW = 5;
  /** Consecutive clearly-good readings that resolve it. */
  public static final int DEFAULT_CLEAR_AFTER = 3;
  /** "Clearly good" means inside the limit by this fraction of it (5 %), so a value hovering at the limit does not flap. */
  public static final double DEFAULT_HYSTERESIS = 0.05;

  private int k = DEFAULT_K;
  private int window = DEFAULT_WINDOW;
  private int clearAfter = DEFAULT_CLEAR_AFTER;
  private double hysteresis = DEFAULT_HYSTERESIS;

  public ExceedanceOptions() {}

  public ExceedanceOptions(JsonObject json) {
    k = json.getInteger("k", DEFAULT_K);
    window = json.getInteger("window", DEFAULT_WINDOW);
    clearAfter = json.getInteger("clearAfter", DEFAULT_CLEAR_AFTER);
    hysteresis = json.getDouble("hysteresis", DEFAULT_HYSTERESIS);
  }

  public int getK() { return k; }
  public ExceedanceOptions setK(int k) { this.k = k; return this; }
  public int getWindow() { return window; }
  public ExceedanceOptions setWindow(int window) { this.window = window; return this; }
  public int getClearAfter() { return clearAfter; }
  public ExceedanceOptions setClearAfter(int clearAfter) { this.clearAfter = clearAfter; return this; }
  public double getHysteresis() { return hysteresis; }
  public ExceedanceOptions setHysteresis(double hysteresis) { this.hysteresis = hysteresis; return this; }

  /** @param kOfN a rule's {@code {k, n}} instead of these options' (null: these) */
  KOfNLatch newLatch(int[] kOfN) {
    return kOfN == null ? new KOfNLatch(k, window, clearAfter) : new KOfNLatch(kOfN[0], kOfN[1], clearAfter);
  }
}
