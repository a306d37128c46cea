package io.qingliu.checks.events;

/**
 * The single-signal sensor fault rules (QARTOD-style range, spike and flat-line tests) for one signal of one
 * station. Each rule answers from this signal's values alone; the neighbour-drift rule needs two signals and lives in
 * {@link NeighbourDrift}.
 */
final class FaultWatch {

  private final double min;
  private final double max;
  private final long flatlineMillis;
  private final double spikeThreshold;

  private long outOfRangeSince = Long.MIN_VALUE;
  private double runValue = Double.NaN;
  private long runStart;
  /** The two previous values (p1 the latest) and the time of p1, for the spike test; NaN after a missing value. */
  private double p1 = Double.NaN;
  private double p2 = Double.NaN;
  private long p1Ts;

  FaultWatch(DetectorOptions.SignalOptions s, double flatlineMinutes, double spikeThreshold) {
    this.min = s.getMin();
    this.max = s.getMax();
    double minutes = Double.isNaN(s.getFlatlineMinutes()) ? flatlineMinutes : s.getFlatlineMinutes();
    this.flatlineMillis = minutes > 0 ? (long) (minutes * 60_000) : Long.MAX_VALUE;
    this.spikeThreshold = spikeThreshold;
  }

  /** True while the value is outside the physical range; such a value is never judged as water quality. */
  boolean outOfRange(long ts, double v) {
    boolean bad = v < min || v > max; // false for NaN bounds
    if (bad && outOfRangeSince == Long.MIN_VALUE) {
      outOfRangeSince = ts;
    } else if (!bad) {
      outOfRangeSince = Long.MIN_VALUE;
    }
    return bad;
  }

  long outOfRangeSince() {
    return outOfRangeSince;
  }

  /** True while the value has been exactly the same for the flat-line duration or longer. */
  boolean flatline(long ts, double v) {
    if (v != runValue) {
      runValue = v;
      runStart = ts;
      return false;
    }
    return ts - runStart >= flatlineMillis;
  }

  long flatSince() {
    return runStart;
  }

  /**
   * Judges the previous value now that its successor {@code v} is known: QARTOD's spike test
   * |p1 − (p2 + v)/2| − |v − p2|/2, in σ, so a jump that returns is a spike and a step that stays is not.
   *
   * @return the spike's value, or NaN when the previous value was no spike
   */
  double spikeBefore(long ts, double v, double sigma) {
    double spike = Double.NaN;
    if (!Double.isNaN(p1) && !Double.isNaN(p2) && sigma > 0) {
      double size = Math.abs(p1 - (p2 + v) / 2) - Math.abs(v - p2) / 2;
      if (size >= spikeThreshold * sigma) {
        spike = p1;
      }
    }
    p2 = p1;
    p1 = v;
    long before = p1Ts;
    p1Ts = ts;
    spikeTs = before;
    return spike;
  }

  private long spikeTs;

  /** Time of the reading the last {@link #spikeBefore} call judged. */
  long spikeTs() {
    return spikeTs;
  }

  /** A missing or unusable value breaks the neighbourhood the spike test needs. */
  void gap() {
    p1 = Double.NaN;
    p2 = Double.NaN;
  }
}
