package io.qingliu.tracing.bench;

import io.qingliu.model.Eem;
import io.qingliu.tracing.FingerprintLibrary;
import io.qingliu.tracing.FingerprintTracer;
import io.qingliu.tracing.Preprocessor;
import io.qingliu.tracing.Spectrum;
import io.qingliu.tracing.StationBaseline;
import io.qingliu.tracing.TraceParams;
import io.qingliu.tracing.TraceResult;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one fingerprint attribution query ({@link FingerprintTracer#trace}: sample preprocessing, baseline fit,
 * screen of every reference, NNLS), timed like {@code trace-eval}: the station baseline is built from already
 * preprocessed spectra, the sample is a raw EEM. The library is the shared benchmark's (../shared/data/eem, the
 * directory {@code TraceEvalIT} uses; {@code -p bench=DIR} for another) padded by {@link SyntheticLibrary} to
 * {@code enterprises} × 5 references; each call traces the next of its 230 cases, cycling. SampleTime, for the p99.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class TraceBenchmark {

  @Param({"157", "2000"})
  public int enterprises;

  @Param("../shared/data/eem")
  public String bench;

  private FingerprintTracer tracer;
  private final List<String> stations = new ArrayList<>();
  private final List<List<Spectrum>> baselines = new ArrayList<>();
  private final List<Eem> samples = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Path.of(bench);
    if (!Files.isRegularFile(dir.resolve("cases.jsonl"))) {
      throw new IllegalStateException("no EEM benchmark at " + dir.toAbsolutePath()
          + " (run from the repository root with shared/ beside it, or pass -p bench=DIR)");
    }
    BenchmarkFiles files = new BenchmarkFiles();
    Preprocessor pre = new Preprocessor();
    FingerprintLibrary library = SyntheticLibrary.pad(TraceBench.readLibrary(dir, files, pre), enterprises, 5,
        20240601L);
    tracer = new FingerprintTracer(library, pre, TraceParams.DEFAULT);
    Map<String, Spectrum> prepared = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("cases.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject j = new JsonObject(line);
      List<Spectrum> baseline = new ArrayList<>();
      for (Object id : j.getJsonArray("baseline")) {
        baseline.add(prepared.computeIfAbsent((String) id, k -> {
          try {
            return pre.sample(files.read(TraceBench.eemPath(dir, k), k));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }));
      }
      stations.add(j.getString("station"));
      baselines.add(baseline);
      samples.add(files.read(TraceBench.eemPath(dir, j.getString("sample")), j.getString("sample")));
    }
  }

  @Benchmark
  public TraceResult trace() {
    int c = next;
    next = (next + 1) % samples.size();
    List<Spectrum> spectra = baselines.get(c);
    StationBaseline b = new StationBaseline(stations.get(c), Math.max(StationBaseline.MIN_SPECTRA, spectra.size()));
    for (Spectrum s : spectra) {
      b.add(s);
    }
    return tracer.trace(b, samples.get(c), null);
  }
}
