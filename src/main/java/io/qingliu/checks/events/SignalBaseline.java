package io.qingliu.checks.events;

import java.util.Arrays;

/**
 * What "normal" is for one signal of one station: the median of its last accepted readings (the level) and its
 * typical spread (σ), learnt only from readings that were not outliers, so an event never teaches the baseline that
 * it is normal. The level follows slow changes (a diurnal cycle moves it a little every reading); a jump stands out.
 *
 * <p>σ is the larger of a short-term and a long-term exponentially weighted mean absolute deviation (×1.2533, the
 * normal-distribution factor), and of the instrument precision: quantised signals often sit on one value for hours,
 * and without the floor a one-step flicker would be a many-σ outlier.
 *
 * <p>Memory: {@code 2 × history + reset} doubles plus a few fields, e.g. 30/8 → 544 bytes of arrays per signal.
 */
final class SignalBaseline {

  private static final double MAD_TO_SIGMA = 1.2533;

  private final double[] ring;
  private final double[] sorted;
  private int count;
  private int head;
  /** Latest readings whatever their verdict, newest at {@code (recentHead - 1)}: the material of a reset. */
  private final double[] recent;
  private int recentCount;
  private int recentHead;

  private final double shortAlpha;
  private final double longAlpha;
  private final double floorRatio;
  private final double precision;
  private final int warmup;
  private double shortDev;
  private double longDev;
  /** Accepted readings since creation; the level is trusted from {@code warmup} on. */
  private long accepted;

  SignalBaseline(DetectorOptions o, double precision) {
    this.ring = new double[o.getHistoryReadings()];
    this.sorted = new double[o.getHistoryReadings()];
    this.recent = new double[o.getResetReadings()];
    this.shortAlpha = 1.0 / o.getScaleReadings();
    this.longAlpha = 1.0 / o.getLongScaleReadings();
    this.floorRatio = o.getFloorRatio();
    this.precision = precision;
    this.warmup = o.getWarmupReadings();
  }

  boolean ready() {
    return accepted >= warmup && count > 0;
  }

  double level() {
    int m = count >>> 1;
    return (count & 1) == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  double sigma() {
    double s = MAD_TO_SIGMA * Math.max(shortDev, floorRatio * longDev);
    return Math.max(s, precision);
  }

  /** Signed distance from the level in σ; 0 while the baseline is still learning. */
  double z(double v) {
    if (!ready()) {
      return 0;
    }
    double s = sigma();
    return s > 0 ? (v - level()) / s : (v == level() ? 0 : Math.copySign(Double.MAX_VALUE, v - level()));
  }

  /** Remembers a raw reading for a later reset, whether or not it is accepted into the baseline. */
  void remember(double v) {
    recent[recentHead] = v;
    recentHead = (recentHead + 1) % recent.length;
    if (recentCount < recent.length) {
      recentCount++;
    }
  }

  /** The raw reading {@code back} readings ago (0 = the latest remembered); NaN when not known. */
  double recent(int back) {
    if (back >= recentCount) {
      return Double.NaN;
    }
    return recent[Math.floorMod(recentHead - 1 - back, recent.length)];
  }

  /** Accepts a reading judged normal into the history and the spread. */
  void accept(double v) {
    if (count > 0) {
      double dev = Math.abs(v - level());
      // Until a window has filled, average over what there is (bias-corrected start of an EWMA).
      long n = accepted + 1;
      shortDev += Math.max(shortAlpha, 1.0 / n) * (dev - shortDev);
      longDev += Math.max(longAlpha, 1.0 / n) * (dev - longDev);
    }
    accepted++;
    insert(v);
  }

  /**
   * Takes the latest raw readings as the new normal (after a sustained shift): the history is replaced by them; the
   * spread is kept, since a shift of level says nothing about noise.
   */
  void resetToRecent() {
    count = 0;
    head = 0;
    for (int i = recentCount - 1; i >= 0; i--) {
      insert(recent(i));
    }
  }

  private void insert(double v) {
    if (count == ring.length) {
      double old = ring[head];
      int at = Arrays.binarySearch(sorted, 0, count, old);
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
    // ring holds the values in arrival order; once full, its oldest entry is at head.
    ring[head] = v;
    head = (head + 1) % ring.length;
  }
}
