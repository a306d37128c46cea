package io.qingliu.loadtest;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Throughput and latency over time: once a second it sums the senders' counters and drains the latency recorders,
 * keeping one row per second for the report and printing a progress line every few seconds.
 */
final class Timeline {

  /** One second of the run. */
  record Row(double t, long sent, long acked, long httpAcked, long missed, long inflight, long backlog,
      Double p50Ms, Double p99Ms, Double maxMs) {}

  private final List<Counters> mqtt;
  private final Counters http;
  private final Latencies puback;
  private final List<Latencies> others;
  private final RunClock clock;
  private final PrintStream out;
  final List<Row> rows = new ArrayList<>();
  private long lastSent;
  private long lastAcked;
  private long lastHttp;
  private long lastMissed;
  private int ticks;

  Timeline(List<Counters> mqtt, Counters http, Latencies puback, List<Latencies> others, RunClock clock,
      PrintStream out) {
    this.mqtt = mqtt;
    this.http = http;
    this.puback = puback;
    this.others = others;
    this.clock = clock;
    this.out = out;
  }

  synchronized void sample() {
    long sent = 0;
    long acked = 0;
    long missed = 0;
    long inflight = 0;
    long backlog = 0;
    for (Counters c : mqtt) {
      sent += c.sent;
      acked += c.acked;
      missed += c.missed;
      inflight += c.inflight;
      backlog += c.backlog;
    }
    long httpAcked = http == null ? 0 : http.acked;
    if (http != null) {
      sent += http.sent;
      missed += http.missed;
      inflight += http.inflight;
      backlog += http.backlog;
    }
    Histogram h = puback.sample();
    for (Latencies l : others) {
      l.sample();
    }
    boolean any = h.getTotalCount() > 0;
    Row row = new Row(Math.round(clock.secondsAt(System.nanoTime()) * 10) / 10.0, sent - lastSent, acked - lastAcked,
        httpAcked - lastHttp, missed - lastMissed, inflight, backlog,
        any ? h.getValueAtPercentile(50) / 1000.0 : null, any ? h.getValueAtPercentile(99) / 1000.0 : null,
        any ? h.getMaxValue() / 1000.0 : null);
    rows.add(row);
    lastSent = sent;
    lastAcked = acked;
    lastHttp = httpAcked;
    lastMissed = missed;
    if (++ticks % 5 == 0 && out != null) {
      out.println(String.format(Locale.ROOT, "[%6.1fs] sent %,d/s  acked %,d/s  http %,d/s  in flight %,d  backlog %,d"
              + "  missed %,d/s  PUBACK p99 %s ms", row.t(), row.sent(), row.acked(), row.httpAcked(), inflight,
          backlog, row.missed(), row.p99Ms() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.p99Ms())));
    }
  }
}
