package io.qingliu.checks.events;

/**
 * Drift against a neighbour: two sensors of the same quantity (two chlorine analysers on one line, a pair of probes)
 * keep a steady difference. When the recent mean of the difference walks away from its long-run reference by many σ
 * and stays away for {@code driftReadings} readings while no event runs, one of them is drifting. Events move both
 * sensors, so nothing is learnt while one runs, nor while drifting.
 *
 * <p>The reference has a time constant of ten long-scale windows (10 days at 1-minute data with the defaults), so
 * a drift much faster than that stands out instead of being followed.
 */
final class NeighbourDrift {

  static final long ESTIMATED_BYTES = 12 + 2 * 4 + 4 + 4 + 4 + 8 * 8;
  private static final double MAD_TO_SIGMA = 1.2533;

  private final int a;
  private final int b;
  private final String label;
  private final double shortAlpha;
  private final double refAlpha;
  private final double threshold;
  private final int driftReadings;
  private final long warmup;
  private double shortMean;
  private double refMean;
  private double refDev;
  private long seen;
  private int driftRun;
  private long since = Long.MIN_VALUE;

  NeighbourDrift(int a, int b, String label, DetectorOptions o) {
    this.a = a;
    this.b = b;
    this.label = label;
    this.shortAlpha = 1.0 / o.getScaleReadings();
    this.refAlpha = 1.0 / (10.0 * o.getLongScaleReadings());
    this.threshold = o.getDriftThreshold();
    this.driftReadings = o.getDriftReadings();
    this.warmup = o.getLongScaleReadings();
  }

  /** @return the drift fault when it holds at this reading, else null */
  SensorFault observe(long ts, double[] values, boolean eventActive) {
    double d = values[a] - values[b];
    if (Double.isNaN(d) || eventActive) {
      return current(shortMean - refMean);
    }
    seen++;
    shortMean += Math.max(shortAlpha, 1.0 / seen) * (d - shortMean);
    double sigma = MAD_TO_SIGMA * refDev;
    boolean drifting = seen > warmup && sigma > 0 && Math.abs(shortMean - refMean) >= threshold * sigma;
    if (drifting) {
      since = driftRun++ == 0 ? ts : since;
    } else {
      driftRun = 0;
      since = Long.MIN_VALUE;
      // The reference learns the difference's level slowly, and its noise around the recent mean (not around the
      // reference, or a drift would widen its own tolerance as it goes).
      double ra = Math.max(refAlpha, 1.0 / seen);
      refDev += Math.max(shortAlpha, 1.0 / seen) * (Math.abs(d - shortMean) - refDev);
      refMean += ra * (d - refMean);
    }
    return current(shortMean - refMean);
  }

  private SensorFault current(double offset) {
    return driftRun >= driftReadings ? new SensorFault(label, FaultKind.DRIFT, since, offset) : null;
  }
}
