package io.qingliu.loadtest;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One latency measured across threads, in microseconds: recorded wait-free from any event loop, read once a second
 * by the sampler into the whole-run histogram and the per-second series.
 */
final class Latencies {

  /** One hour, in microseconds: anything slower is recorded as one hour. */
  static final long MAX_MICROS = 3_600_000_000L;

  final String name;
  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final Histogram total = new Histogram(MAX_MICROS, 3);
  private Histogram interval;

  Latencies(String name) {
    this.name = name;
  }

  void recordNanos(long nanos) {
    recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
  }

  /** Moves what was recorded since the last call into the total; returns that interval (valid until the next call). */
  synchronized Histogram sample() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return interval;
  }

  synchronized Histogram total() {
    return total;
  }

  /** A percentile of the whole run in milliseconds, or null when nothing was recorded. */
  synchronized Double percentileMillis(double p) {
    return total.getTotalCount() == 0 ? null : total.getValueAtPercentile(p) / 1000.0;
  }
}
