package io.qingliu.checks.events;

/**
 * The single-signal sensor fault rules of one signal of one station, after QARTOD's range, spike and flat-line
 * tests. Each answers from this signal's values alone; the neighbour-drift rule needs two signals and lives in
 * {@link NeighbourDrift}.
 */
final class FaultWatch {

  static final long ESTIMATED_BYTES = 12 + 4 + 3 * 4 + 10 * 8;

  private final double min;
  private final double max;
  private final int flatlineReadings;
  private final double spikeThreshold;

  private long outOfRangeSince = Long.MIN_VALUE;
  private double runValue = Double.NaN;
  private long runStart;
  private int runLength;
  /** The two previous values (p1 the latest) and their times, for the spike test; NaN after a gap. */
  private double p1 = Double.NaN;
  private double p2 = Double.NaN;
  private long p1Ts;
  private long spikeTs;

  FaultWatch(DetectorOptions.SignalOptions s, int flatlineReadings, double spikeThreshold) {
    this.min = s.getMin();
    this.max = s.getMax();
    int readings = s.getFlatlineReadings() >= 0 ? s.getFlatlineReadings() : flatlineReadings;
    this.flatlineReadings = readings > 0 ? readings : Integer.MAX_VALUE;
    this.spikeThreshold = spikeThreshold;
  }

  /** True while the value is outside the physical range; such a value is never judged as water quality. */
  boolean outOfRange(long ts, double v) {
    boolean bad = v < min || v > max; // false for a NaN bound
    if (!bad) {
      outOfRangeSince = Long.MIN_VALUE;
    } else if (outOfRangeSince == Long.MIN_VALUE) {
      outOfRangeSince = ts;
    }
    return bad;
  }

  long outOfRangeSince() {
    return outOfRangeSince;
  }

  /** True once the value has been exactly the same for the flat-line count of readings (missing ones not counted). */
  boolean flatline(long ts, double v) {
    if (v != runValue) {
      runValue = v;
      runStart = ts;
      runLength = 1;
      return false;
    }
    runLength++;
    return runLength >= flatlineReadings;
  }

  long flatSince() {
    return runStart;
  }

  /**
   * Judges the previous value now that its successor {@code v} is known: QARTOD's spike test
   * |p1 − (p2 + v)/2| − |v − p2|/2 ≥ threshold·σ, so a jump that returns is a spike and a step that stays is not.
   * Only an isolated jump counts: when the readings on either side are off normal too (an oscillating event), it is
   * the water moving.
   *
   * @param neighboursNormal neither the reading before the previous one nor {@code v} is an outlier of this signal
   * @return the spike's value, or NaN when the previous value was no spike
   */
  double spikeBefore(long ts, double v, double sigma, boolean neighboursNormal) {
    double spike = Double.NaN;
    if (neighboursNormal && !Double.isNaN(p1) && !Double.isNaN(p2) && sigma > 0) {
      double size = Math.abs(p1 - (p2 + v) / 2) - Math.abs(v - p2) / 2;
      if (size >= spikeThreshold * sigma) {
        spike = p1;
      }
    }
    p2 = p1;
    p1 = v;
    spikeTs = p1Ts;
    p1Ts = ts;
    return spike;
  }

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
