package io.qingliu.checks.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tuning of the streaming event detector ({@code checks.events} in {@code config/qingliu.json}; every key optional).
 *
 * <p>Every window and duration is counted in <em>readings</em> of the station, as CANARY counts steps: a 1-minute
 * station and a 15-minute river station share one configuration, and the river station's windows are 15 times
 * longer in time, which matches its slower water. The defaults were chosen on the GECCO 2018 training set with
 * time-ordered cross-validation; see {@code docs/detection.md}.
 */
public class DetectorOptions {

  // --- how far from normal is an outlier -------------------------------------------------------------------------

  /** A reading is an outlier when its score (see {@link #DEFAULT_COMBINE}) reaches this many σ. */
  public static final double DEFAULT_THRESHOLD = 6.0;
  /**
   * How the monitored signals make one score: 1 = the largest |z| (CANARY); 2 = the root of the sum of the two
   * largest z², so two signals moderately off together (pH and conductivity in one discharge) weigh more than one.
   */
  public static final int DEFAULT_COMBINE = 2;
  /**
   * A signal this many σ off is kept out of its history even before it makes an outlier, so the first minutes of a
   * slow ramp do not teach the baseline to follow it.
   */
  public static final double DEFAULT_HISTORY_THRESHOLD = 4.0;

  // --- event discriminator ---------------------------------------------------------------------------------------

  /** Outliers among the last {@link #DEFAULT_WINDOW} readings that open an event (k of n): one outlier never pages. */
  public static final int DEFAULT_K = 2;
  public static final int DEFAULT_WINDOW = 3;
  /** Consecutive non-outlier readings that end an event. */
  public static final int DEFAULT_CLEAR_AFTER = 1;

  // --- what normal is --------------------------------------------------------------------------------------------

  /** Normal readings whose median is a signal's level. */
  public static final int DEFAULT_HISTORY_READINGS = 120;
  /** Readings before a signal is judged at all. */
  public static final int DEFAULT_WARMUP_READINGS = 20;
  /** Time constant of the short-term spread (σ) of each signal, in normal readings. */
  public static final int DEFAULT_SCALE_READINGS = 120;
  /** Time constant of the long-term spread, a floor under the short-term one. */
  public static final int DEFAULT_LONG_SCALE_READINGS = 1440;
  /** σ never drops below this fraction of the long-term spread, so a quiet hour does not make a signal hair-trigger. */
  public static final double DEFAULT_FLOOR_RATIO = 1.0;
  /**
   * σ never drops below this many times the mean non-zero change between consecutive normal readings: the working
   * resolution of a quantised signal (one step of a 0.01 pH display), learnt from the data.
   */
  public static final double DEFAULT_STEP_FLOOR = 1.0;
  /** The quantile of |value − level| that {@link #DEFAULT_TAIL_FLOOR} refers to, learnt outside events. */
  public static final double DEFAULT_TAIL_QUANTILE = 0.99;
  /**
   * σ never drops below this fraction of that quantile, so a signal with heavy tails (turbidity glitches) needs a
   * bigger excursion to alarm. 0.39 is where a Gaussian signal sits anyway (its 99 % quantile is 2.58σ).
   */
  public static final double DEFAULT_TAIL_FLOOR = 0.45;
  /** Readings over which the tail quantile adapts. */
  public static final int DEFAULT_TAIL_READINGS = 200;

  /**
   * Days of memory of the diurnal profile (each signal's usual offset at each hour of the day), so a daily cycle
   * does not alarm every dawn and an afternoon peak is judged against other afternoons. 0 disables it.
   */
  public static final double DEFAULT_DIURNAL_DAYS = 0;

  // --- when a deviation becomes the new normal -------------------------------------------------------------------

  /**
   * A signal kept out of its history this many readings in a row without an event (a small shift below the alarm
   * threshold) takes its latest readings as its new normal, so a baseline never locks itself out of learning.
   */
  public static final int DEFAULT_SHIFT_READINGS = 30;
  /**
   * An event whose signals have all settled on a new level (their latest {@link #DEFAULT_RESET_READINGS} readings
   * within {@link #DEFAULT_SETTLE_BAND} σ of each other) is a baseline shift once it has lasted this many readings.
   */
  public static final int DEFAULT_SETTLE_READINGS = 90;
  public static final double DEFAULT_SETTLE_BAND = 4.0;
  /**
   * Any event is taken as the new normal after this many readings (CANARY's timeout): the baselines are rebuilt
   * from the latest readings and the event ends. Events that keep moving (a maintenance, a ramp) run until then.
   */
  public static final int DEFAULT_TIMEOUT_READINGS = 300;
  /** Latest raw readings per signal kept to rebuild its baseline at a reset. */
  public static final int DEFAULT_RESET_READINGS = 8;
  /** A silence longer than this many expected intervals ends a running event (nothing is known about the gap). */
  public static final int DEFAULT_MAX_GAP_READINGS = 180;

  // --- sensor faults ---------------------------------------------------------------------------------------------

  /** A jump of this many σ that comes straight back at the next reading is a spike (a sensor fault). */
  public static final double DEFAULT_SPIKE_THRESHOLD = 12.0;
  /** A value exactly unchanged for this many readings is a stuck sensor; quantised signals sit still for hours. */
  public static final int DEFAULT_FLATLINE_READINGS = 1440;
  /** Neighbour drift: the difference of two sensors of one quantity moved by this many of its own σ ... */
  public static final double DEFAULT_DRIFT_THRESHOLD = 6.0;
  /** ... and stayed there this many readings without an event. */
  public static final int DEFAULT_DRIFT_READINGS = 240;

  /** Per-signal settings, by the signal's name (a CSV column or a Qingliu parameter key). */
  public static final class SignalOptions {
    private double min = Double.NaN;
    private double max = Double.NaN;
    private double precision;
    private int flatlineReadings = -1;

    public SignalOptions() {}

    /** {@code {"min":0,"max":14,"precision":0.01,"flatlineReadings":600}}, each key optional. */
    public SignalOptions(JsonObject json) {
      min = json.getDouble("min", Double.NaN);
      max = json.getDouble("max", Double.NaN);
      precision = json.getDouble("precision", 0.0);
      flatlineReadings = json.getInteger("flatlineReadings", -1);
    }

    /** Physically possible range; a value outside is a sensor fault. NaN: unbounded on that side. */
    public SignalOptions setRange(double min, double max) { this.min = min; this.max = max; return this; }
    /** Smallest meaningful change (instrument resolution): σ never drops below it. 0: learnt from the data only. */
    public SignalOptions setPrecision(double precision) { this.precision = precision; return this; }
    /** Overrides {@link DetectorOptions#getFlatlineReadings()} for this signal; negative: use it. */
    public SignalOptions setFlatlineReadings(int readings) { this.flatlineReadings = readings; return this; }
    public double getMin() { return min; }
    public double getMax() { return max; }
    public double getPrecision() { return precision; }
    public int getFlatlineReadings() { return flatlineReadings; }
  }

  private double threshold = DEFAULT_THRESHOLD;
  private int combine = DEFAULT_COMBINE;
  private double historyThreshold = DEFAULT_HISTORY_THRESHOLD;
  private int k = DEFAULT_K;
  private int window = DEFAULT_WINDOW;
  private int clearAfter = DEFAULT_CLEAR_AFTER;
  private int historyReadings = DEFAULT_HISTORY_READINGS;
  private int warmupReadings = DEFAULT_WARMUP_READINGS;
  private int scaleReadings = DEFAULT_SCALE_READINGS;
  private int longScaleReadings = DEFAULT_LONG_SCALE_READINGS;
  private double floorRatio = DEFAULT_FLOOR_RATIO;
  private double stepFloor = DEFAULT_STEP_FLOOR;
  private double tailQuantile = DEFAULT_TAIL_QUANTILE;
  private double tailFloor = DEFAULT_TAIL_FLOOR;
  private int tailReadings = DEFAULT_TAIL_READINGS;
  private double diurnalDays = DEFAULT_DIURNAL_DAYS;
  private int shiftReadings = DEFAULT_SHIFT_READINGS;
  private int settleReadings = DEFAULT_SETTLE_READINGS;
  private double settleBand = DEFAULT_SETTLE_BAND;
  private int timeoutReadings = DEFAULT_TIMEOUT_READINGS;
  private int resetReadings = DEFAULT_RESET_READINGS;
  private int maxGapReadings = DEFAULT_MAX_GAP_READINGS;
  private double spikeThreshold = DEFAULT_SPIKE_THRESHOLD;
  private int flatlineReadings = DEFAULT_FLATLINE_READINGS;
  private double driftThreshold = DEFAULT_DRIFT_THRESHOLD;
  private int driftReadings = DEFAULT_DRIFT_READINGS;
  private final Map<String, SignalOptions> signals = new HashMap<>();
  private final List<String[]> neighbours = new ArrayList<>();

  public DetectorOptions() {
    // pH is bounded by chemistry whatever the instrument; other ranges depend on units and belong in the file.
    signals.put("pH", new SignalOptions().setRange(0, 14));
    signals.put("ph", new SignalOptions().setRange(0, 14));
  }

  /** From {@code checks.events}. */
  public DetectorOptions(JsonObject json) {
    this();
    threshold = json.getDouble("threshold", DEFAULT_THRESHOLD);
    combine = json.getInteger("combine", DEFAULT_COMBINE);
    historyThreshold = json.getDouble("historyThreshold", DEFAULT_HISTORY_THRESHOLD);
    k = json.getInteger("k", DEFAULT_K);
    window = json.getInteger("window", DEFAULT_WINDOW);
    clearAfter = json.getInteger("clearAfter", DEFAULT_CLEAR_AFTER);
    historyReadings = json.getInteger("historyReadings", DEFAULT_HISTORY_READINGS);
    warmupReadings = json.getInteger("warmupReadings", DEFAULT_WARMUP_READINGS);
    scaleReadings = json.getInteger("scaleReadings", DEFAULT_SCALE_READINGS);
    longScaleReadings = json.getInteger("longScaleReadings", DEFAULT_LONG_SCALE_READINGS);
    floorRatio = json.getDouble("floorRatio", DEFAULT_FLOOR_RATIO);
    stepFloor = json.getDouble("stepFloor", DEFAULT_STEP_FLOOR);
    tailQuantile = json.getDouble("tailQuantile", DEFAULT_TAIL_QUANTILE);
    tailFloor = json.getDouble("tailFloor", DEFAULT_TAIL_FLOOR);
    tailReadings = json.getInteger("tailReadings", DEFAULT_TAIL_READINGS);
    diurnalDays = json.getDouble("diurnalDays", DEFAULT_DIURNAL_DAYS);
    shiftReadings = json.getInteger("shiftReadings", DEFAULT_SHIFT_READINGS);
    settleReadings = json.getInteger("settleReadings", DEFAULT_SETTLE_READINGS);
    settleBand = json.getDouble("settleBand", DEFAULT_SETTLE_BAND);
    timeoutReadings = json.getInteger("timeoutReadings", DEFAULT_TIMEOUT_READINGS);
    resetReadings = json.getInteger("resetReadings", DEFAULT_RESET_READINGS);
    maxGapReadings = json.getInteger("maxGapReadings", DEFAULT_MAX_GAP_READINGS);
    spikeThreshold = json.getDouble("spikeThreshold", DEFAULT_SPIKE_THRESHOLD);
    flatlineReadings = json.getInteger("flatlineReadings", DEFAULT_FLATLINE_READINGS);
    driftThreshold = json.getDouble("driftThreshold", DEFAULT_DRIFT_THRESHOLD);
    driftReadings = json.getInteger("driftReadings", DEFAULT_DRIFT_READINGS);
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
    this(o.toJson());
  }

  /** Throws when the options cannot work together. */
  public DetectorOptions validate() {
    require(window >= 1 && window <= 31 && k >= 1 && k <= window && clearAfter >= 1,
        "1 <= k <= window <= 31 and clearAfter >= 1");
    require(historyReadings >= 3 && resetReadings >= 2 && resetReadings <= historyReadings && warmupReadings >= 1,
        "historyReadings >= 3, 2 <= resetReadings <= historyReadings, warmupReadings >= 1");
    require(threshold > 0 && historyThreshold > 0 && (combine == 1 || combine == 2),
        "threshold > 0, historyThreshold > 0, combine 1 or 2");
    require(scaleReadings >= 1 && longScaleReadings >= 1 && tailReadings >= 1 && floorRatio >= 0 && stepFloor >= 0,
        "scale windows >= 1 and floors >= 0");
    require(diurnalDays >= 0, "diurnalDays >= 0");
    require(tailQuantile > 0 && tailQuantile < 1 && tailFloor >= 0, "0 < tailQuantile < 1, tailFloor >= 0");
    require(shiftReadings >= 1 && settleReadings >= 1 && timeoutReadings >= 1 && maxGapReadings >= 1,
        "shiftReadings, settleReadings, timeoutReadings, maxGapReadings >= 1");
    return this;
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("checks.events: need " + what);
    }
  }

  /** The options as the JSON the configuration file takes. */
  public JsonObject toJson() {
    JsonObject sig = new JsonObject();
    signals.forEach((name, s) -> {
      JsonObject o = new JsonObject();
      if (!Double.isNaN(s.min)) {
        o.put("min", s.min);
      }
      if (!Double.isNaN(s.max)) {
        o.put("max", s.max);
      }
      if (s.precision > 0) {
        o.put("precision", s.precision);
      }
      if (s.flatlineReadings >= 0) {
        o.put("flatlineReadings", s.flatlineReadings);
      }
      sig.put(name, o);
    });
    JsonArray pairs = new JsonArray();
    neighbours.forEach(p -> pairs.add(new JsonArray().add(p[0]).add(p[1])));
    return new JsonObject()
        .put("threshold", threshold).put("combine", combine).put("historyThreshold", historyThreshold)
        .put("k", k).put("window", window).put("clearAfter", clearAfter)
        .put("historyReadings", historyReadings).put("warmupReadings", warmupReadings)
        .put("scaleReadings", scaleReadings).put("longScaleReadings", longScaleReadings)
        .put("floorRatio", floorRatio).put("stepFloor", stepFloor)
        .put("tailQuantile", tailQuantile).put("tailFloor", tailFloor).put("tailReadings", tailReadings)
        .put("diurnalDays", diurnalDays)
        .put("shiftReadings", shiftReadings).put("settleReadings", settleReadings).put("settleBand", settleBand)
        .put("timeoutReadings", timeoutReadings).put("resetReadings", resetReadings)
        .put("maxGapReadings", maxGapReadings)
        .put("spikeThreshold", spikeThreshold).put("flatlineReadings", flatlineReadings)
        .put("driftThreshold", driftThreshold).put("driftReadings", driftReadings)
        .put("signals", sig).put("neighbours", pairs);
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
  public int getCombine() { return combine; }
  public DetectorOptions setCombine(int v) { combine = v; return this; }
  public double getHistoryThreshold() { return historyThreshold; }
  public DetectorOptions setHistoryThreshold(double v) { historyThreshold = v; return this; }
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
  public double getStepFloor() { return stepFloor; }
  public DetectorOptions setStepFloor(double v) { stepFloor = v; return this; }
  public double getTailQuantile() { return tailQuantile; }
  public DetectorOptions setTailQuantile(double v) { tailQuantile = v; return this; }
  public double getTailFloor() { return tailFloor; }
  public DetectorOptions setTailFloor(double v) { tailFloor = v; return this; }
  public int getTailReadings() { return tailReadings; }
  public DetectorOptions setTailReadings(int v) { tailReadings = v; return this; }
  public double getDiurnalDays() { return diurnalDays; }
  public DetectorOptions setDiurnalDays(double v) { diurnalDays = v; return this; }
  public int getShiftReadings() { return shiftReadings; }
  public DetectorOptions setShiftReadings(int v) { shiftReadings = v; return this; }
  public int getSettleReadings() { return settleReadings; }
  public DetectorOptions setSettleReadings(int v) { settleReadings = v; return this; }
  public double getSettleBand() { return settleBand; }
  public DetectorOptions setSettleBand(double v) { settleBand = v; return this; }
  public int getTimeoutReadings() { return timeoutReadings; }
  public DetectorOptions setTimeoutReadings(int v) { timeoutReadings = v; return this; }
  public int getResetReadings() { return resetReadings; }
  public DetectorOptions setResetReadings(int v) { resetReadings = v; return this; }
  public int getMaxGapReadings() { return maxGapReadings; }
  public DetectorOptions setMaxGapReadings(int v) { maxGapReadings = v; return this; }
  public double getSpikeThreshold() { return spikeThreshold; }
  public DetectorOptions setSpikeThreshold(double v) { spikeThreshold = v; return this; }
  public int getFlatlineReadings() { return flatlineReadings; }
  public DetectorOptions setFlatlineReadings(int v) { flatlineReadings = v; return this; }
  public double getDriftThreshold() { return driftThreshold; }
  public DetectorOptions setDriftThreshold(double v) { driftThreshold = v; return this; }
  public int getDriftReadings() { return driftReadings; }
  public DetectorOptions setDriftReadings(int v) { driftReadings = v; return this; }
}
