package io.qingliu.checks.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tuning of the streaming event detector ({@code checks.events} in {@code config/qingliu.json}). Windows that are
 * statistics (how many readings a baseline needs) are counted in readings; durations with a physical meaning (how
 * long a shift may alarm before it is the new normal, how long a value may stay stuck) are in minutes and measured
 * on the readings' own timestamps, so one file serves 1-minute and 15-minute stations.
 *
 * <p>The defaults were tuned on the GECCO 2018 training set with time-ordered splits; see {@code docs/detection.md}.
 */
public class DetectorOptions {

  /** A reading is an outlier when a monitored signal is this many σ from its baseline. */
  public static final double DEFAULT_THRESHOLD = 4.0;
  /** Outliers among the last {@link #DEFAULT_WINDOW} readings that open an event (k of n; 2 of 3 ≈ CANARY BED 0.5). */
  public static final int DEFAULT_K = 2;
  public static final int DEFAULT_WINDOW = 3;
  /** Consecutive non-outlier readings that end an event. */
  public static final int DEFAULT_CLEAR_AFTER = 1;
  /** Accepted (non-outlier) readings whose median is a signal's baseline level. */
  public static final int DEFAULT_HISTORY_READINGS = 30;
  /** Readings before a signal's baseline is trusted; no alarm before that. */
  public static final int DEFAULT_WARMUP_READINGS = 20;
  /** Time constant, in accepted readings, of the short-term spread (σ) of each signal. */
  public static final int DEFAULT_SCALE_READINGS = 60;
  /** Time constant, in accepted readings, of the long-term spread used as a floor under the short-term one. */
  public static final int DEFAULT_LONG_SCALE_READINGS = 1440;
  /** σ never drops below this fraction of the long-term spread, so a quiet hour does not make a signal hair-trigger. */
  public static final double DEFAULT_FLOOR_RATIO = 1.0;
  /**
   * After an event has lasted this long, its level is taken as the new normal: the baselines are rebuilt from the
   * latest readings and the event ends (CANARY's timeout). A sustained baseline shift therefore alarms once, briefly.
   */
  public static final double DEFAULT_TIMEOUT_MINUTES = 300;
  /** Latest raw readings per signal kept to rebuild the baseline at a reset. */
  public static final int DEFAULT_RESET_READINGS = 8;
  /** A silence longer than this ends a running event (nothing is known about the gap). */
  public static final double DEFAULT_MAX_GAP_MINUTES = 180;
  /** A jump of this many σ that returns at the next reading is a spike: a sensor fault, not water quality. */
  public static final double DEFAULT_SPIKE_THRESHOLD = 12.0;
  /** A value unchanged for this long is a stuck sensor (flatline). Quantised signals can sit still for many hours. */
  public static final double DEFAULT_FLATLINE_MINUTES = 1440;
  /** Neighbour drift: the difference of two sensors of the same quantity moved by this many of its own σ ... */
  public static final double DEFAULT_DRIFT_THRESHOLD = 6.0;
  /** ... and stayed there this long while no event was running. */
  public static final double DEFAULT_DRIFT_MINUTES = 240;

  /** Per-signal settings, by the signal's name (a CSV column or a Qingliu parameter key). */
  public static final class SignalOptions {
    /** Physically possible range; values outside are a sensor fault. NaN: unbounded. */
    double min = Double.NaN;
    double max = Double.NaN;
    /** Smallest meaningful change (instrument resolution): σ never drops below it. 0: none. */
    double precision;
    /** Overrides {@link DetectorOptions#getFlatlineMinutes()} for this signal; NaN: use it. */
    double flatlineMinutes = Double.NaN;

    public SignalOptions() {}

    public SignalOptions(JsonObject json) {
      min = json.getDouble("min", Double.NaN);
      max = json.getDouble("max", Double.NaN);
      precision = json.getDouble("precision", 0.0);
      flatlineMinutes = json.getDouble("flatlineMinutes", Double.NaN);
    }

    public SignalOptions setRange(double min, double max) { this.min = min; this.max = max; return this; }
    public SignalOptions setPrecision(double precision) { this.precision = precision; return this; }
    public SignalOptions setFlatlineMinutes(double m) { this.flatlineMinutes = m; return this; }
    public double getMin() { return min; }
    public double getMax() { return max; }
    public double getPrecision() { return precision; }
    public double getFlatlineMinutes() { return flatlineMinutes; }
  }

  private double threshold = DEFAULT_THRESHOLD;
  private int k = DEFAULT_K;
  private int window = DEFAULT_WINDOW;
  private int clearAfter = DEFAULT_CLEAR_AFTER;
  private int historyReadings = DEFAULT_HISTORY_READINGS;
  private int warmupReadings = DEFAULT_WARMUP_READINGS;
  private int scaleReadings = DEFAULT_SCALE_READINGS;
  private int longScaleReadings = DEFAULT_LONG_SCALE_READINGS;
  private double floorRatio = DEFAULT_FLOOR_RATIO;
  private double timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
  private int resetReadings = DEFAULT_RESET_READINGS;
  private double maxGapMinutes = DEFAULT_MAX_GAP_MINUTES;
  private double spikeThreshold = DEFAULT_SPIKE_THRESHOLD;
  private double flatlineMinutes = DEFAULT_FLATLINE_MINUTES;
  private double driftThreshold = DEFAULT_DRIFT_THRESHOLD;
  private double driftMinutes = DEFAULT_DRIFT_MINUTES;
  private final Map<String, SignalOptions> signals = new HashMap<>();
  private final List<String[]> neighbours = new ArrayList<>();

  public DetectorOptions() {
    // pH is bounded by chemistry; the other default ranges depend on units and belong in the configuration.
    signals.put("pH", new SignalOptions().setRange(0, 14));
    signals.put("ph", new SignalOptions().setRange(0, 14));
  }

  /** From {@code checks.events}; every key is optional. */
  public DetectorOptions(JsonObject json) {
    this();
    threshold = json.getDouble("threshold", DEFAULT_THRESHOLD);
    k = json.getInteger("k", DEFAULT_K);
    window = json.getInteger("window", DEFAULT_WINDOW);
    clearAfter = json.getInteger("clearAfter", DEFAULT_CLEAR_AFTER);
    historyReadings = json.getInteger("historyReadings", DEFAULT_HISTORY_READINGS);
    warmupReadings = json.getInteger("warmupReadings", DEFAULT_WARMUP_READINGS);
    scaleReadings = json.getInteger("scaleReadings", DEFAULT_SCALE_READINGS);
    longScaleReadings = json.getInteger("longScaleReadings", DEFAULT_LONG_SCALE_READINGS);
    floorRatio = json.getDouble("floorRatio", DEFAULT_FLOOR_RATIO);
    timeoutMinutes = json.getDouble("timeoutMinutes", DEFAULT_TIMEOUT_MINUTES);
    resetReadings = json.getInteger("resetReadings", DEFAULT_RESET_READINGS);
    maxGapMinutes = json.getDouble("maxGapMinutes", DEFAULT_MAX_GAP_MINUTES);
    spikeThreshold = json.getDouble("spikeThreshold", DEFAULT_SPIKE_THRESHOLD);
    flatlineMinutes = json.getDouble("flatlineMinutes", DEFAULT_FLATLINE_MINUTES);
    driftThreshold = json.getDouble("driftThreshold", DEFAULT_DRIFT_THRESHOLD);
    driftMinutes = json.getDouble("driftMinutes", DEFAULT_DRIFT_MINUTES);
    JsonObject perSignal = json.getJsonObject("signals", new JsonObject());
    for (String name : perSignal.fieldNames()) {
      signals.put(name, new SignalOptions(perSignal.getJsonObject(name)));
    }
    JsonArray pairs = json.getJsonArray("neighbours", new JsonArray());
    for (int i = 0; i < pairs.size(); i++) {
      JsonArray pair = pairs.getJsonArray(i);
      neighbours.add(new String[] {pair.getString(0), pair.getString(1)});
    }
    validate();
  }

  /** Copy constructor. */
  public DetectorOptions(DetectorOptions o) {
    threshold = o.threshold;
    k = o.k;
    window = o.window;
    clearAfter = o.clearAfter;
    historyReadings = o.historyReadings;
    warmupReadings = o.warmupReadings;
    scaleReadings = o.scaleReadings;
    longScaleReadings = o.longScaleReadings;
    floorRatio = o.floorRatio;
    timeoutMinutes = o.timeoutMinutes;
    resetReadings = o.resetReadings;
    maxGapMinutes = o.maxGapMinutes;
    spikeThreshold = o.spikeThreshold;
    flatlineMinutes = o.flatlineMinutes;
    driftThreshold = o.driftThreshold;
    driftMinutes = o.driftMinutes;
    signals.putAll(o.signals);
    neighbours.addAll(o.neighbours);
  }

  /** Throws when the options cannot work together. */
  public DetectorOptions validate() {
    if (window < 1 || window > 31 || k < 1 || k > window || clearAfter < 1) {
      throw new IllegalArgumentException("checks.events: need 1 <= k <= window <= 31 and clearAfter >= 1, got k=" + k
          + " window=" + window + " clearAfter=" + clearAfter);
    }
    if (historyReadings < 3 || resetReadings < 1 || resetReadings > historyReadings || warmupReadings < 1) {
      throw new IllegalArgumentException("checks.events: need historyReadings >= 3, 1 <= resetReadings <= "
          + "historyReadings and warmupReadings >= 1");
    }
    if (!(threshold > 0) || scaleReadings < 1 || longScaleReadings < 1 || floorRatio < 0) {
      throw new IllegalArgumentException("checks.events: need threshold > 0, scale windows >= 1, floorRatio >= 0");
    }
    return this;
  }

  public SignalOptions signal(String name) {
    SignalOptions s = signals.get(name);
    return s != null ? s : new SignalOptions();
  }

  public DetectorOptions setSignal(String name, SignalOptions s) { signals.put(name, s); return this; }
  public List<String[]> getNeighbours() { return neighbours; }
  public DetectorOptions addNeighbours(String a, String b) { neighbours.add(new String[] {a, b}); return this; }

  public double getThreshold() { return threshold; }
  public DetectorOptions setThreshold(double v) { threshold = v; return this; }
  public int getK() { return k; }
  public DetectorOptions setK(int v) { k = v; return this; }
  public int getWindow() { return window; }
  public DetectorOptions setWindow(int v) { window = v; return this; }
  public int getClearAfter() { return clearAfter; }
  public DetectorOptions setClearAfter(int v) { clearAfter = v; return this; }
  public int getHistoryReadings() { return historyReadings; }
  public DetectorOptions setHistoryReadings(int v) { historyReadings = v; return this; }
  public int getWarmupReadings() { return warmupReadings; }
  public DetectorOptions setWarmupReadings(int v) { warmupReadings = v; return this; }
  public int getScaleReadings() { return scaleReadings; }
  public DetectorOptions setScaleReadings(int v) { scaleReadings = v; return this; }
  public int getLongScaleReadings() { return longScaleReadings; }
  public DetectorOptions setLongScaleReadings(int v) { longScaleReadings = v; return this; }
  public double getFloorRatio() { return floorRatio; }
  public DetectorOptions setFloorRatio(double v) { floorRatio = v; return this; }
  public double getTimeoutMinutes() { return timeoutMinutes; }
  public DetectorOptions setTimeoutMinutes(double v) { timeoutMinutes = v; return this; }
  public int getResetReadings() { return resetReadings; }
  public DetectorOptions setResetReadings(int v) { resetReadings = v; return this; }
  public double getMaxGapMinutes() { return maxGapMinutes; }
  public DetectorOptions setMaxGapMinutes(double v) { maxGapMinutes = v; return this; }
  public double getSpikeThreshold() { return spikeThreshold; }
  public DetectorOptions setSpikeThreshold(double v) { spikeThreshold = v; return this; }
  public double getFlatlineMinutes() { return flatlineMinutes; }
  public DetectorOptions setFlatlineMinutes(double v) { flatlineMinutes = v; return this; }
  public double getDriftThreshold() { return driftThreshold; }
  public DetectorOptions setDriftThreshold(double v) { driftThreshold = v; return this; }
  public double getDriftMinutes() { return driftMinutes; }
  public DetectorOptions setDriftMinutes(double v) { driftMinutes = v; return this; }
}
