package io.qingliu.checks;

import java.util.Arrays;

/**
 * The lowest and highest value of one parameter over a sliding time window. The window is kept as 16 buckets of
 * min and max, so its memory is fixed whether the station reports every 10 seconds or every hour; its edge is
 * exact to one bucket (1/16 of the window).
 */
final class RateWindow {

  static final int BUCKETS = 16;

  private final long bucketMs;
  private final long[] ids = new long[BUCKETS];
  private final double[] min = new double[BUCKETS];
  private final double[] max = new double[BUCKETS];

  RateWindow(long windowMs) {
    this.bucketMs = Math.max(1, windowMs / BUCKETS);
    Arrays.fill(ids, Long.MIN_VALUE);
  }

  /** The lowest value seen in the window that ends at {@code ts}; NaN when it holds none. */
  double lowest(long ts) {
    long now = Math.floorDiv(ts, bucketMs);
    double out = Double.NaN;
    for (int i = 0; i < BUCKETS; i++) {
      if (inWindow(ids[i], now) && !(min[i] >= out)) {
        out = min[i];
      }
    }
    return out;
  }

  /** The highest value seen in the window that ends at {@code ts}; NaN when it holds none. */
  double highest(long ts) {
    long now = Math.floorDiv(ts, bucketMs);
    double out = Double.NaN;
    for (int i = 0; i < BUCKETS; i++) {
      if (inWindow(ids[i], now) && !(max[i] <= out)) {
        out = max[i];
      }
    }
    return out;
  }

  void add(long ts, double v) {
    long id = Math.floorDiv(ts, bucketMs);
    int slot = (int) Math.floorMod(id, BUCKETS);
    if (ids[slot] != id) {
      ids[slot] = id;
      min[slot] = v;
      max[slot] = v;
    } else {
      min[slot] = Math.min(min[slot], v);
      max[slot] = Math.max(max[slot], v);
    }
  }

  private static boolean inWindow(long id, long now) {
    return id != Long.MIN_VALUE && id <= now && id > now - BUCKETS;
  }
}
