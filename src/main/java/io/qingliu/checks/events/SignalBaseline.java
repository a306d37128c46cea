package io.qingliu.checks.events;

import java.util.Arrays;

/**
 * What "normal" is for one signal of one station: the median of its last normal readings (the level) and its typical
 * spread (σ), learnt only from readings that were not outliers, so an event never teaches the baseline that it is
 * normal. The level follows slow changes (a diurnal cycle moves it a little every reading); a jump stands out.
 *
 * <p>σ is the largest of: the short- and long-term exponentially weighted mean absolute deviation from the level
 * (×1.2533, the normal-distribution factor); the mean non-zero change between consecutive normal readings (the
 * signal's working resolution: quantised signals sit on one value for hours, and without this a one-step flicker
 * would be a many-σ outlier); a fraction of the signal's 99 % deviation quantile (heavy-tailed signals such as
 * turbidity need a bigger excursion); and the configured instrument precision.
 *
 * <p>Memory: {@code 2 × history + reset} floats and about 25 fields: about 1.2 KB with the defaults (120/8); {@link
 * #estimatedBytes} gives the figure for any options.
 */
final class SignalBaseline {

  private static final double MAD_TO_SIGMA = 1.2533;
  /**
   * How fast a new tail estimate starts: its rate is max(1 / tailReadings, min(TAIL_START_CAP, TAIL_START / readings
   * seen)), so a new station's quantile is about right within hours (not days), without jumping on its first values.
   */
  private static final double TAIL_START = 10;
  private static final double TAIL_START_CAP = 0.1;

  /**
   * Normal readings in arrival order (a ring, oldest at {@code head} once full) and the same values sorted. Floats:
   * sensor values carry at most 7 significant digits, and halving the history's memory is what lets 10,000 stations
   * of 22 parameters fit in a 512 MB heap.
   */
  private final float[] ring;
  private final float[] sorted;
  private int count;
  private int head;
  /** Latest readings whatever their verdict, newest at {@code recentHead - 1}: the material of a reset. */
  private final float[] recent;
  private int recentCount;
  private int recentHead;

  private final double shortAlpha;
  private final double longAlpha;
  private final double floorRatio;
  private final double stepFloor;
  private final double precision;
  private final double tailQuantile;
  private final double tailRate;
  private final double tailFloor;
  private final int warmup;
  private double shortDev;
  private double longDev;
  /** Mean size of the non-zero changes between consecutive normal readings. */
  private double step;
  private long steps;
  private double previous = Double.NaN;
  /** Streaming estimate of the {@code tailQuantile} of |value − level| outside events, outliers included. */
  private double tail;
  private long tailSeen;
  private long accepted;
  /**
   * Diurnal profile: the mean offset from the level at each hour of the day (UTC), learnt from normal readings, so a
   * river whose ammonium or oxygen peaks every afternoon is judged against its usual afternoon, not its daily median.
   * Null when disabled.
   */
  private final double[] profile;
  private final int[] profileSeen;
  /** Readings in a row kept out of the history. */
  private int rejectedRun;

  SignalBaseline(DetectorOptions o, double precision) {
    this.ring = new float[o.getHistoryReadings()];
    this.sorted = new float[o.getHistoryReadings()];
    this.recent = new float[o.getResetReadings()];
    this.shortAlpha = 1.0 / o.getScaleReadings();
    this.longAlpha = 1.0 / o.getLongScaleReadings();
    this.floorRatio = o.getFloorRatio();
    this.stepFloor = o.getStepFloor();
    this.precision = precision;
    this.tailQuantile = o.getTailQuantile();
    this.tailRate = 1.0 / o.getTailReadings();
    this.tailFloor = o.getTailFloor();
    this.warmup = o.getWarmupReadings();
    this.profile = o.getDiurnalDays() > 0 ? new double[24] : null;
    this.profileSeen = o.getDiurnalDays() > 0 ? new int[24] : null;
  }

  /** Hour of the day (UTC) of a timestamp: the profile's bin. */
  static int hour(long tsMillis) {
    return (int) Math.floorMod(tsMillis / 3_600_000L, 24L);
  }

  /** Bytes of one baseline: header, fields and the three arrays (64-bit JVM, compressed pointers). */
  static long estimatedBytes(DetectorOptions o) {
    long diurnal = o.getDiurnalDays() > 0 ? 2 * 16 + 24 * (8 + 4) : 0;
    return 12 + 3 * 4 + 5 * 4 + 14 * 8 + 2 * 8 + 5 * 4 + 3 * 16 + 4L * (2 * o.getHistoryReadings()
        + o.getResetReadings()) + diurnal;
  }

  /** Trusted once warmed up and once the signal has moved at all (a σ of 0 would make any change infinite). */
  boolean ready() {
    return accepted >= warmup && count > 0 && sigma() > 0;
  }

  double level() {
    int m = count >>> 1;
    return (count & 1) == 1 ? sorted[m] : ((double) sorted[m - 1] + sorted[m]) / 2;
  }

  double sigma() {
    double s = MAD_TO_SIGMA * Math.max(shortDev, floorRatio * longDev);
    return Math.max(Math.max(s, precision), Math.max(stepFloor * step, tailFloor * tail));
  }

  /** What this signal is expected to read at this hour: the level plus the hour's usual offset. */
  double expected(int hour) {
    return profile == null ? level() : level() + profile[hour];
  }

  /** Signed distance from the expected value in σ; 0 while the baseline is still learning. */
  double z(double v, int hour) {
    return ready() ? (stored(v) - expected(hour)) / sigma() : 0;
  }

  /**
   * A value as the history stores it. Every comparison with the level goes through this, so a value equal to the
   * level is exactly 0 away (not a float rounding apart): a signal that never moved must keep a σ of 0.
   */
  private static double stored(double v) {
    return (float) v;
  }

  /** Remembers a raw reading for a later reset, whatever its verdict. */
  void remember(double v) {
    recent[recentHead] = (float) v;
    recentHead = (recentHead + 1) % recent.length;
    if (recentCount < recent.length) {
      recentCount++;
    }
  }

  /**
   * True when all the latest raw readings lie within {@code band} σ of each other: the signal has settled on a
   * level, as after a step, rather than still moving, as in an oscillation, a ramp or a maintenance.
   */
  boolean settled(double band) {
    if (recentCount < recent.length) {
      return false;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float v : recent) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo <= band * sigma();
  }

  /**
   * Learns how heavy this signal's tails are from every reading outside an event, outliers and spikes included: a
   * turbidity probe that throws a 10σ glitch every hour must need more than 10σ to alarm. A multiplicative
   * stochastic-approximation quantile (×e^{ηp} above it, ×e^{−η(1−p)} below), O(1) memory.
   */
  void learnTail(double value, int hour) {
    double v = stored(value);
    if (count == 0) {
      return;
    }
    double dev = Math.abs(v - expected(hour));
    double rate = Math.max(tailRate, Math.min(TAIL_START_CAP, TAIL_START / ++tailSeen));
    if (tail <= 0) {
      tail = dev;
    } else if (dev > tail) {
      tail *= Math.exp(rate * tailQuantile);
    } else {
      tail *= Math.exp(-rate * (1 - tailQuantile));
    }
  }

  /**
   * Accepts a reading judged normal into the history, the spread and the diurnal profile.
   *
   * @param profileAlpha weight of this reading in its hour's offset (about 1 / readings of that hour in a week)
   */
  void accept(double value, int hour, double profileAlpha) {
    double v = stored(value);
    double change = Math.abs(v - previous);
    if (change > 0) { // false for NaN
      steps++;
      step += Math.max(longAlpha, 1.0 / steps) * (change - step);
    }
    previous = v;
    rejectedRun = 0;
    if (count > 0) {
      double dev = Math.abs(v - expected(hour));
      long n = accepted + 1; // until a window has filled, average what there is (bias-corrected EWMA start)
      shortDev += Math.max(shortAlpha, 1.0 / n) * (dev - shortDev);
      longDev += Math.max(longAlpha, 1.0 / n) * (dev - longDev);
      if (profile != null) {
        int seen = ++profileSeen[hour];
        profile[hour] += Math.max(profileAlpha, 1.0 / seen) * (v - level() - profile[hour]);
      }
    }
    accepted++;
    insert(v);
  }

  /** Notes a reading kept out of the history; answers how many in a row have been. */
  int reject() {
    return ++rejectedRun;
  }

  /**
   * Takes the latest raw readings as the new normal (after a lasting shift): the history is replaced by them; the
   * spread is kept, since a shift of level says nothing about noise.
   */
  void resetToRecent() {
    rejectedRun = 0;
    count = 0;
    head = 0;
    for (int i = recentCount; i >= 1; i--) {
      previous = recent[Math.floorMod(recentHead - i, recent.length)];
      insert(previous);
    }
  }

  private void insert(double value) {
    float v = (float) value;
    if (count == ring.length) {
      int at = Arrays.binarySearch(sorted, 0, count, ring[head]);
      System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
      count--;
    }
    int at = Arrays.binarySearch(sorted, 0, count, v);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, count - at);
    sorted[at] = v;
    count++;
    ring[head] = v;
    head = (head + 1) % ring.length;
  }

  /** For diagnostics: the parts of σ. */
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "level %.4g σ %.3g (short %.3g long %.3g step %.3g tail %.3g)",
        count > 0 ? level() : Double.NaN, sigma(), MAD_TO_SIGMA * shortDev, MAD_TO_SIGMA * floorRatio * longDev,
        stepFloor * step, tailFloor * tail);
  }
}
