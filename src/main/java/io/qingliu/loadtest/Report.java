package io.qingliu.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Writes a run's report directory {@code <out>/<name>-<yyyyMMdd-HHmmss>/}: HdrHistogram percentile files
 * ({@code .hgrm}, milliseconds), {@code summary.json}, {@code timeline.csv} and a self-contained {@code report.html}
 * with the latency percentile plot and the throughput-over-time plot as inline SVG.
 */
final class Report {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneId.systemDefault());
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

  private Report() {}

  /** @param compare the same load against another broker, or null */
  static Path write(RunResult run, RunResult compare) throws IOException {
    Path dir = run.settings.out().resolve(run.settings.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
        + STAMP.format(run.startedAt));
    Files.createDirectories(dir);
    List<Named> histograms = new ArrayList<>();
    histograms.add(new Named("PUBACK", "puback", run.puback.total()));
    histograms.add(new Named("HTTP batch", "http", run.httpLatency.total()));
    histograms.add(new Named("end-to-end alert", "e2e-alert", run.e2e.total()));
    if (compare != null) {
      histograms.add(new Named("PUBACK, " + compare.target, "compare-puback", compare.puback.total()));
    }
    histograms.removeIf(n -> n.histogram.getTotalCount() == 0);
    for (Named n : histograms) {
      Files.writeString(dir.resolve(n.file + ".hgrm"), hgrm(n.histogram));
    }
    JsonObject summary = run.details();
    if (compare != null) {
      summary.put("compare", compare.details());
    }
    Files.writeString(dir.resolve("summary.json"), summary.encodePrettily());
    Files.writeString(dir.resolve("timeline.csv"), csv(run));
    Files.writeString(dir.resolve("report.html"), html(run, compare, histograms));
    return dir;
  }

  private record Named(String label, String file, Histogram histogram) {}

  static String hgrm(Histogram h) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      h.outputPercentileDistribution(p, 5, 1000.0);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String csv(RunResult run) {
    StringBuilder b = new StringBuilder("t,sent_per_s,acked_per_s,http_acked_per_s,missed_per_s,in_flight,backlog,"
        + "puback_p50_ms,puback_p99_ms,puback_max_ms\n");
    for (Timeline.Row r : run.timeline) {
      b.append(r.t()).append(',').append(r.sent()).append(',').append(r.acked()).append(',').append(r.httpAcked())
          .append(',').append(r.missed()).append(',').append(r.inflight()).append(',').append(r.backlog()).append(',')
          .append(r.p50Ms() == null ? "" : r.p50Ms()).append(',').append(r.p99Ms() == null ? "" : r.p99Ms())
          .append(',').append(r.maxMs() == null ? "" : r.maxMs()).append('\n');
    }
    return b.toString();
  }

  private static String html(RunResult run, RunResult compare, List<Named> histograms) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Svg.esc(run.settings.name())).append(" — Qingliu load test</title>\n<style>body{font-family:sans-serif;"
            + "margin:24px;max-width:900px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:right}th{background:#f0f0f0}td:first-child,th:first-child{text-align:left}"
            + "pre{background:#f6f6f6;padding:8px;overflow:auto}</style></head><body>\n");
    b.append("<h1>Load test ").append(Svg.esc(run.settings.name())).append("</h1>\n<p>")
        .append(Svg.esc(run.startedAt.toString())).append(" · target ").append(Svg.esc(run.target))
        .append(" · ").append(Runtime.getRuntime().availableProcessors()).append(" cores visible to the generator")
        .append("</p>\n");
    b.append("<table><tr><th>figure</th><th>").append(Svg.esc(run.target)).append("</th>");
    if (compare != null) {
      b.append("<th>").append(Svg.esc(compare.target)).append("</th>");
    }
    b.append("</tr>\n");
    JsonObject a = run.summary();
    JsonObject c = compare == null ? null : compare.summary();
    for (String key : a.fieldNames()) {
      b.append("<tr><td>").append(key).append("</td><td>").append(a.getValue(key)).append("</td>");
      if (c != null) {
        b.append("<td>").append(c.getValue(key)).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");

    List<Svg.Series> lat = new ArrayList<>();
    double maxX = 1;
    int color = 0;
    for (Named n : histograms) {
      List<double[]> pts = new ArrayList<>();
      for (HistogramIterationValue v : n.histogram.percentiles(5)) {
        double p = Math.min(v.getPercentileLevelIteratedTo(), 99.9999);
        pts.add(new double[] {Math.log10(100 / (100 - p)), v.getValueIteratedTo() / 1000.0});
      }
      double[] x = new double[pts.size()];
      double[] y = new double[pts.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = pts.get(i)[0];
        y[i] = pts.get(i)[1];
        maxX = Math.max(maxX, x[i]);
      }
      lat.add(new Svg.Series(n.label + " (" + n.histogram.getTotalCount() + ")", COLORS[color++ % COLORS.length],
          x, y));
    }
    b.append("<h2>Latency by percentile</h2>\n");
    b.append(lat.isEmpty() ? "<p>No latency was measured.</p>\n"
        : Svg.chart("Latency by percentile (from the intended send time)", "percentile", "ms", lat,
            Svg.percentileTicks((int) Math.ceil(maxX)), Svg::number));

    List<Svg.Series> tput = new ArrayList<>();
    tput.add(series("sent/s", COLORS[0], run.timeline, Timeline.Row::sent));
    tput.add(series("acked/s", COLORS[2], run.timeline, Timeline.Row::acked));
    if (run.settings.httpEnabled()) {
      tput.add(series("HTTP accepted/s", COLORS[3], run.timeline, Timeline.Row::httpAcked));
    }
    if (compare != null) {
      tput.add(series("acked/s " + compare.target, COLORS[1], compare.timeline, Timeline.Row::acked));
    }
    b.append("<h2>Throughput over time</h2>\n");
    b.append(Svg.chart("Readings per second", "seconds since start", "readings/s", tput, timeTicks(run, compare),
        Svg::number));
    List<Svg.Series> p99 = new ArrayList<>();
    p99.add(series("PUBACK p99", COLORS[0], run.timeline, r -> r.p99Ms() == null ? 0 : r.p99Ms()));
    if (compare != null) {
      p99.add(series("PUBACK p99 " + compare.target, COLORS[1], compare.timeline,
          r -> r.p99Ms() == null ? 0 : r.p99Ms()));
    }
    if (run.settings.mqttEnabled() && run.settings.qos() == 1) {
      b.append(Svg.chart("PUBACK p99 per second", "seconds since start", "ms", p99, timeTicks(run, compare),
          Svg::number));
    }
    b.append("<h2>Details</h2>\n<pre>").append(Svg.esc(run.details().put("timeline", "(timeline.csv)")
        .encodePrettily())).append("</pre>\n");
    if (compare != null) {
      b.append("<pre>").append(Svg.esc(compare.details().put("timeline", "(summary.json)").encodePrettily()))
          .append("</pre>\n");
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  private interface Value {
    double of(Timeline.Row r);
  }

  private static Svg.Series series(String name, String color, List<Timeline.Row> rows, Value v) {
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = rows.get(i).t();
      y[i] = v.of(rows.get(i));
    }
    return new Svg.Series(name, color, x, y);
  }

  private static List<Svg.Tick> timeTicks(RunResult run, RunResult compare) {
    double end = 0;
    for (Timeline.Row r : run.timeline) {
      end = Math.max(end, r.t());
    }
    if (compare != null) {
      for (Timeline.Row r : compare.timeline) {
        end = Math.max(end, r.t());
      }
    }
    double step = Svg.niceCeiling(Math.max(1, end / 8));
    List<Svg.Tick> ticks = new ArrayList<>();
    for (double t = 0; t <= end + 1e-9; t += step) {
      ticks.add(new Svg.Tick(t, String.format(Locale.ROOT, "%.0f", t)));
    }
    return ticks;
  }
}
