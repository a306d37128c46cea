package io.qingliu.checks.events;

/**
 * CANARY's binomial event discriminator as a k-of-n rule: an event opens when at least {@code k} of the last
 * {@code n} readings were outliers, so a lone outlier never pages; it ends after {@code clearAfter} consecutive
 * readings that were not. It remembers when the outliers that opened it began ("since when").
 */
final class EventLatch {

  private final int k;
  private final int n;
  private final int mask;
  private final int clearAfter;
  /** Bit i set: the reading i steps ago was an outlier. */
  private int window;
  /** Timestamps of the last n readings, to date an event from its first outlier. */
  private final long[] times;
  private int timesHead;
  private boolean active;
  private int quietStreak;
  private long since = Long.MIN_VALUE;

  EventLatch(int k, int n, int clearAfter) {
    this.k = k;
    this.n = n;
    this.mask = (int) ((1L << n) - 1);
    this.clearAfter = clearAfter;
    this.times = new long[n];
  }

  /** Records one reading's verdict and answers whether an event is active now. */
  boolean observe(boolean outlier, long ts) {
    window = ((window << 1) | (outlier ? 1 : 0)) & mask;
    times[timesHead] = ts;
    timesHead = (timesHead + 1) % n;
    if (!active) {
      if (Integer.bitCount(window) >= k) {
        active = true;
        quietStreak = 0;
        since = oldestOutlierTime();
      }
    } else {
      quietStreak = outlier ? 0 : quietStreak + 1;
      if (quietStreak >= clearAfter) {
        clear();
      }
    }
    return active;
  }

  private long oldestOutlierTime() {
    int oldest = 31 - Integer.numberOfLeadingZeros(window); // steps ago of the oldest outlier in the window
    return times[Math.floorMod(timesHead - 1 - oldest, n)];
  }

  /** Ends the event and forgets the outliers (a reset, a long silence). */
  void clear() {
    active = false;
    window = 0;
    quietStreak = 0;
    since = Long.MIN_VALUE;
  }

  boolean active() {
    return active;
  }

  /** Timestamp of the first outlier of the running event; {@code Long.MIN_VALUE} when none runs. */
  long since() {
    return since;
  }

  /** Outliers among the last n readings. */
  int recentOutliers() {
    return Integer.bitCount(window);
  }
}
