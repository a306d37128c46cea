package io.qingliu.checks.events;

/**
 * CANARY's binomial event discriminator as a k-of-n rule: an event opens when at least {@code k} of the last
 * {@code n} readings were outliers, so a lone outlier never pages; it ends after {@code clearAfter} consecutive
 * readings that were not. It remembers when the outliers that opened it began ("since when") and how many readings
 * the event has lasted.
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
  private int lasted;
  private long since = Long.MIN_VALUE;

  EventLatch(int k, int n, int clearAfter) {
    this.k = k;
    this.n = n;
    this.mask = (int) ((1L << n) - 1);
    this.clearAfter = clearAfter;
    this.times = new long[n];
  }

  static long estimatedBytes(int n) {
    return 12 + 7 * 4 + 8 + 4 + 16 + 8L * n;
  }

  /** Records one reading's verdict and answers whether an event is active now. */
  boolean observe(boolean outlier, long ts) {
    window = ((window << 1) | (outlier ? 1 : 0)) & mask;
    times[timesHead] = ts;
    timesHead = (timesHead + 1) % n;
    if (!active) {
      if (Integer.bitCount(window) >= k) {
        int oldest = 31 - Integer.numberOfLeadingZeros(window); // readings ago of the oldest outlier in the window
        active = true;
        quietStreak = 0;
        lasted = oldest + 1;
        since = times[Math.floorMod(timesHead - 1 - oldest, n)];
      }
    } else {
      lasted++;
      quietStreak = outlier ? 0 : quietStreak + 1;
      if (quietStreak >= clearAfter) {
        clear();
      }
    }
    return active;
  }

  /** Takes back the outlier of the latest reading (it proved to be a sensor spike). */
  void withdrawLatest() {
    window &= ~1;
  }

  /** Ends the event and forgets the outliers (a reset, a long silence). */
  void clear() {
    active = false;
    window = 0;
    quietStreak = 0;
    lasted = 0;
    since = Long.MIN_VALUE;
  }

  boolean active() {
    return active;
  }

  /** Timestamp of the first outlier of the running event; {@code Long.MIN_VALUE} when none runs. */
  long since() {
    return since;
  }

  /** Readings the running event has lasted, from its first outlier. */
  int lasted() {
    return lasted;
  }
}
