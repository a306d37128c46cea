package io.qingliu.loadtest;

/**
 * The run's time base: every scheduled send has an intended time in {@link System#nanoTime()} units, and its reading
 * carries the same instant as wall-clock milliseconds. Both are taken together once, so the two never drift apart
 * within a run.
 */
record RunClock(long startNanos, long startEpochMillis) {

  static RunClock startingIn(long delayNanos) {
    long nanos = System.nanoTime();
    long millis = System.currentTimeMillis();
    return new RunClock(nanos + delayNanos, millis + delayNanos / 1_000_000);
  }

  /** The wall-clock milliseconds of an instant given in nanoTime units. */
  long epochMillis(long nanos) {
    return startEpochMillis + Math.floorDiv(nanos - startNanos, 1_000_000L);
  }

  /** Seconds since the start (negative before it). */
  double secondsAt(long nanos) {
    return (nanos - startNanos) / 1e9;
  }
}
