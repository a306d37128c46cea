package io.qingliu.tracing.bench;

import io.qingliu.model.Eem;
import io.qingliu.tracing.FingerprintLibrary;
import io.qingliu.tracing.FingerprintTracer;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.tracing.Spectrum;
import io.qingliu.tracing.StationBaseline;
import io.qingliu.tracing.TraceParams;
import io.qingliu.tracing.TraceResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code trace-eval} harness: reads a benchmark directory in the layout of ../shared/data/eem (library index and
 * reference EEMs, case EEMs, {@code cases.jsonl}), runs the server's tracing ({@link FingerprintTracer}) on every case,
 * writes one prediction line per case and, when the cases carry their truth, scores them. The tracing never sees a
 * case's truth: it is split off on reading and only {@link #score} looks at it.
 */
public final class TraceBench {

  /**
   * @param station only the cases of this station (null = all), e.g. to tune on one station and measure on the other
   * @param padEnterprises pad the library with synthetic enterprises up to this many (0 = the real library only)
   * @param warmups untimed passes over all cases before the timed one (the server is a long-running JVM)
   * @param without trace as if this enterprise were missing from the library (null = none missing); its cases are
   *     then scored as unknown-source cases, a held-out check of the "unknown" decision
   */
  public record Options(Path bench, Path out, TraceParams params, String station, int padEnterprises,
      int refsPerEnterprise, int warmups, String without, PrintStream log) {}

  /** A case as the tracing sees it. */
  record Case(String id, String station, List<String> baseline, String sample) {}

  /** What only the scoring sees. */
  record Truth(String source, double fraction) {}

  private TraceBench() {}

  /** Runs the benchmark; returns the summary, or null when no case carries its truth. */
  public static JsonObject run(Options o) throws IOException {
    PrintStream log = o.log();
    BenchmarkFiles files = new BenchmarkFiles();
    Preprocessor pre = new Preprocessor();
    FingerprintLibrary library = readLibrary(o.bench(), files, pre);
    if (o.padEnterprises() > library.enterprises().size()) {
      library = SyntheticLibrary.pad(library, o.padEnterprises(), o.refsPerEnterprise(), 20240601L);
    }
    log.printf("library: %d enterprises, %d references%n", library.enterprises().size(), library.size());
    FingerprintTracer tracer = new FingerprintTracer(library, pre, o.params());
    Map<String, Double> prior = o.without() == null ? null : allBut(library, o.without());

    List<Case> cases = new ArrayList<>();
    Map<String, Truth> truths = new HashMap<>();
    for (String line : Files.readAllLines(o.bench().resolve("cases.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject j = new JsonObject(line);
      if (o.station() != null && !o.station().equals(j.getString("station"))) {
        continue;
      }
      List<String> baseline = new ArrayList<>();
      j.getJsonArray("baseline").forEach(x -> baseline.add((String) x));
      Case c = new Case(j.getString("case"), j.getString("station"), baseline, j.getString("sample"));
      cases.add(c);
      JsonObject t = j.getJsonObject("truth");
      if (t != null) {
        String source = t.getString("source").equals(o.without()) ? TraceResult.UNKNOWN : t.getString("source");
        truths.put(c.id(), new Truth(source, t.getDouble("fraction", 0.0)));
      }
    }
    // Station spectra are preprocessed when they arrive (baselines) or inside the timed trace (samples).
    Map<String, Spectrum> baselines = new HashMap<>();
    Map<String, Eem> samples = new HashMap<>();
    for (Case c : cases) {
      for (String id : c.baseline()) {
        if (!baselines.containsKey(id)) {
          baselines.put(id, pre.sample(files.read(eemPath(o.bench(), id), id)));
        }
      }
      samples.put(c.id(), files.read(eemPath(o.bench(), c.sample()), c.sample()));
    }

    for (int w = 0; w < o.warmups(); w++) {
      for (Case c : cases) {
        trace(tracer, c, baselines, samples, prior);
      }
    }
    Map<String, TraceResult> results = new LinkedHashMap<>();
    double[] millis = new double[cases.size()];
    double[] cpuMillis = new double[cases.size()];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    int k = 0;
    for (Case c : cases) {
      long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
      long t0 = System.nanoTime();
      TraceResult r = trace(tracer, c, baselines, samples, prior);
      millis[k] = (System.nanoTime() - t0) / 1e6;
      cpuMillis[k++] = cpu ? (threads.getCurrentThreadCpuTime() - c0) / 1e6 : Double.NaN;
      results.put(c.id(), r);
    }
    if (o.out().getParent() != null) {
      Files.createDirectories(o.out().getParent());
    }
    try (BufferedWriter out = Files.newBufferedWriter(o.out(), StandardCharsets.UTF_8)) {
      for (Case c : cases) {
        out.write(prediction(c.id(), results.get(c.id())).encode());
        out.write('\n');
      }
    }
    double p99 = percentile(millis, 0.99);
    log.printf("latency per case (preprocess sample + trace), ms: p50 %.2f  p99 %.2f  max %.2f  over %d cases%n",
        percentile(millis, 0.5), p99, percentile(millis, 1.0), millis.length);
    log.printf("CPU time of the tracing thread per case, ms: p50 %.2f  p99 %.2f  max %.2f (wall minus CPU = waiting "
        + "for a core)%n", percentile(cpuMillis, 0.5), percentile(cpuMillis, 0.99), percentile(cpuMillis, 1.0));
    if (truths.isEmpty()) {
      return null;
    }
    JsonObject summary = score(cases, results, truths, p99);
    for (String st : new TreeMap<>(groupByStation(cases)).keySet()) {
      List<Case> sub = cases.stream().filter(c -> c.station().equals(st)).toList();
      log.println("station " + st + ": " + score(sub, results, truths, Double.NaN).encode());
    }
    log.println("per source (correct/cases): " + perSource(cases, results, truths));
    return summary;
  }

  private static Map<String, Integer> groupByStation(List<Case> cases) {
    Map<String, Integer> m = new HashMap<>();
    cases.forEach(c -> m.merge(c.station(), 1, Integer::sum));
    return m;
  }

  private static TraceResult trace(FingerprintTracer tracer, Case c, Map<String, Spectrum> baselines,
      Map<String, Eem> samples, Map<String, Double> prior) {
    StationBaseline b = new StationBaseline(c.station(), Math.max(StationBaseline.MIN_SPECTRA, c.baseline().size()));
    for (String id : c.baseline()) {
      b.add(baselines.get(id));
    }
    return tracer.trace(b, samples.get(c.id()), prior);
  }

  /** Every enterprise of the library but one, equally weighted: the tracing's view of a library without it. */
  private static Map<String, Double> allBut(FingerprintLibrary library, String without) {
    if (!library.enterprises().contains(without)) {
      throw new IllegalArgumentException("no enterprise '" + without + "' in the library");
    }
    Map<String, Double> prior = new HashMap<>();
    library.enterprises().stream().filter(e -> !e.equals(without)).forEach(e -> prior.put(e, 1.0));
    return prior;
  }

  static Path eemPath(Path bench, String id) {
    return bench.resolve("eems").resolve(id + ".json");
  }

  static FingerprintLibrary readLibrary(Path bench, BenchmarkFiles files, Preprocessor pre) throws IOException {
    JsonObject index = new JsonObject(Files.readString(bench.resolve("library").resolve("library.json")));
    JsonObject ents = index.getJsonObject("enterprises");
    FingerprintLibrary.Builder b = FingerprintLibrary.builder();
    for (String e : ents.fieldNames()) {
      for (Object f : ents.getJsonObject(e).getJsonArray("files")) {
        Path p = bench.resolve((String) f);
        String id = p.getFileName().toString().replaceFirst("\\.json$", "");
        b.add(e, id, pre.reference(files.read(p, id)));
      }
    }
    return b.build();
  }

  static JsonObject prediction(String caseId, TraceResult r) {
    JsonArray cands = new JsonArray();
    for (TraceResult.Candidate c : r.candidates().subList(0, Math.min(5, r.candidates().size()))) {
      cands.add(new JsonObject().put("enterprise", c.enterpriseId()).put("share", round(c.share()))
          .put("similarity", round(c.similarity())).put("score", round(c.score()))
          .put("reference", c.bestReference()));
    }
    return new JsonObject().put("case", caseId).put("source", r.source()).put("fraction", round(r.fraction()))
        .put("confidence", round(r.confidence())).put("similarity", round(r.similarity()))
        .put("anomaly_ratio", round(r.departure().ratio())).put("explained", round(r.explained()))
        .put("unexplained", round(r.unexplained())).put("candidates", cands);
  }

  /** The metrics of score_eem.py, plus p99_ms; {@code p99} NaN leaves it out. */
  static JsonObject score(List<Case> cases, Map<String, TraceResult> results, Map<String, Truth> truths,
      double p99) {
    Map<Double, int[]> byFraction = new TreeMap<>();
    int entOk = 0;
    int entN = 0;
    int noneOk = 0;
    int noneN = 0;
    int unkOk = 0;
    int unkN = 0;
    double maeSum = 0;
    int maeN = 0;
    for (Case c : cases) {
      Truth t = truths.get(c.id());
      if (t == null) {
        continue;
      }
      TraceResult r = results.get(c.id());
      String ps = r == null ? null : r.source();
      switch (t.source()) {
        case TraceResult.NONE -> {
          noneN++;
          noneOk += TraceResult.NONE.equals(ps) ? 1 : 0;
        }
        case TraceResult.UNKNOWN -> {
          unkN++;
          unkOk += TraceResult.UNKNOWN.equals(ps) ? 1 : 0;
        }
        default -> {
          boolean ok = t.source().equals(ps);
          int[] a = byFraction.computeIfAbsent(t.fraction(), f -> new int[2]);
          a[0] += ok ? 1 : 0;
          a[1]++;
          entOk += ok ? 1 : 0;
          entN++;
          if (ok) {
            maeSum += Math.abs(r.fraction() - t.fraction());
            maeN++;
          }
        }
      }
    }
    JsonObject byF = new JsonObject();
    byFraction.forEach((f, a) -> byF.put(key(f), round((double) a[0] / a[1])));
    JsonObject s = new JsonObject()
        .put("top1_accuracy", entN > 0 ? round((double) entOk / entN) : null)
        .put("top1_accuracy_by_fraction", byF)
        .put("none_correct_rate", noneN > 0 ? round((double) noneOk / noneN) : null)
        .put("unknown_correct_rate", unkN > 0 ? round((double) unkOk / unkN) : null)
        .put("fraction_mae", maeN > 0 ? round(maeSum / maeN) : null);
    if (!Double.isNaN(p99)) {
      s.put("p99_ms", round(p99));
    }
    return s;
  }

  private static String perSource(List<Case> cases, Map<String, TraceResult> results, Map<String, Truth> truths) {
    Map<String, int[]> m = new TreeMap<>();
    for (Case c : cases) {
      Truth t = truths.get(c.id());
      if (t != null) {
        int[] a = m.computeIfAbsent(t.source(), x -> new int[2]);
        a[0] += t.source().equals(results.get(c.id()).source()) ? 1 : 0;
        a[1]++;
      }
    }
    StringBuilder sb = new StringBuilder();
    m.forEach((k, a) -> sb.append(k).append(' ').append(a[0]).append('/').append(a[1]).append("  "));
    return sb.toString().trim();
  }

  /** 0.02 → "0.02", 0.1 → "0.1": the keys of score_eem.py ({@code f'{x:g}'}). */
  static String key(double f) {
    return BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
  }

  static double round(double x) {
    if (!Double.isFinite(x)) {
      return 0;
    }
    return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_EVEN).doubleValue();
  }

  static double percentile(double[] values, double q) {
    if (values.length == 0) {
      return 0;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int i = (int) Math.ceil(q * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, i))];
  }
}
