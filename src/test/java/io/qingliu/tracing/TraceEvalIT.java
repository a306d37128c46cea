package io.qingliu.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.tracing.bench.TraceBench;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trace-eval harness on the shared benchmark (CI keeps a copy of shared/ beside the clone). Floors are a little
 * below the figures measured with the default parameters (docs/tracing.md); the run is deterministic.
 */
class TraceEvalIT {

  /** The project's shared data folder: {@code ../shared} beside the clone, or wherever QINGLIU_SHARED says. */
  static final Path BENCH = Path.of(System.getenv().getOrDefault("QINGLIU_SHARED", "../shared"), "data", "eem");

  /** One run of the harness with the default parameters: its summary and its prediction lines. */
  private static JsonObject summary;
  private static List<String> lines;

  @BeforeAll
  static void runTheHarness(@TempDir Path tmp) throws Exception {
    assertThat(BENCH.resolve("cases.jsonl"))
        .as("the shared EEM benchmark is not at %s: clone beside the project's shared/ folder, or set "
            + "QINGLIU_SHARED to it", BENCH.toAbsolutePath())
        .exists();
    Path out = tmp.resolve("pred.jsonl");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    summary = TraceBench.run(new TraceBench.Options(BENCH, out, TraceParams.DEFAULT, null, 0, 5, 1, null,
        new PrintStream(log, true, StandardCharsets.UTF_8)));
    System.out.println(log.toString(StandardCharsets.UTF_8));
    System.out.println(summary.encode());
    lines = Files.readAllLines(out);
  }

  @Test
  void givenTheSharedBenchmark_whenTracedWithTheDefaults_thenItScoresAtLeastTheMeasuredFloors() {
    JsonObject s = summary;
    assertThat(lines).hasSize(230);
    JsonObject first = new JsonObject(lines.get(0));
    assertThat(first.fieldNames()).contains("case", "source", "fraction", "candidates");

    // measured: 0.7889 overall; 0.4444 / 0.8333 / 0.8611 / 0.8333 / 0.9722; none 0.90; unknown 0.90; MAE 0.0377
    // (the MAE is over the correctly named cases: the ones the source spread adds are 40 % discharges, fitted by
    // references of another strength). Two greywater cases (2 %, 5 %) are answered unknown since the unknown limit
    // follows an enterprise's mean reference-to-reference variability instead of its worst: the price of the test below
    assertThat(s.getDouble("top1_accuracy")).isGreaterThanOrEqualTo(0.78);
    JsonObject byF = s.getJsonObject("top1_accuracy_by_fraction");
    assertThat(byF.getDouble("0.02")).isGreaterThanOrEqualTo(0.44);
    assertThat(byF.getDouble("0.05")).isGreaterThanOrEqualTo(0.83);
    assertThat(byF.getDouble("0.1")).isGreaterThanOrEqualTo(0.85);
    assertThat(byF.getDouble("0.2")).isGreaterThanOrEqualTo(0.82);
    assertThat(byF.getDouble("0.4")).isGreaterThanOrEqualTo(0.96);
    assertThat(s.getDouble("none_correct_rate")).isGreaterThanOrEqualTo(0.89);
    assertThat(s.getDouble("unknown_correct_rate")).isGreaterThanOrEqualTo(0.89);
    assertThat(s.getDouble("fraction_mae")).isLessThanOrEqualTo(0.038);
    // the harness reports its latency, but a test asserts none: on a shared VM a core may stall for 100-400 ms
    // (measured in a plain arithmetic loop), so latency targets live in the benchmarks (docs/tracing.md)
    assertThat(s.getDouble("p99_ms")).isPositive();
  }

  @Test
  void givenTheSharedBenchmark_whenAnEnterpriseIsNamedWithConfidenceOfAtLeast075_thenItIsRightNineTimesInTen()
      throws Exception {
    // what the duty officer reads (measured 89 of 94 with temperature 0.15; 113 of 128 with the earlier 0.05, too
    // sure of culture against medium)
    Map<String, String> truth = new HashMap<>();
    for (String line : Files.readAllLines(BENCH.resolve("cases.jsonl"))) {
      JsonObject c = new JsonObject(line);
      truth.put(c.getString("case"), c.getJsonObject("truth").getString("source"));
    }
    int confident = 0;
    int right = 0;
    for (String line : lines) {
      JsonObject p = new JsonObject(line);
      String named = p.getString("source");
      if (!named.equals(TraceResult.NONE) && !named.equals(TraceResult.UNKNOWN) && p.getDouble("confidence") >= 0.75) {
        confident++;
        right += named.equals(truth.get(p.getString("case"))) ? 1 : 0;
      }
    }
    assertThat(confident).isGreaterThan(60);
    assertThat((double) right / confident).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void givenBothHalvesOfTheLibrary_whenRankedWithTheSourceSpread_thenMoreSourcesAreNamedThanWithoutIt(
      @TempDir Path tmp) throws Exception {
    // each half holds every other reference of each enterprise, so every case's source is matched against
    // references of other samples (and, for most, other batches): the check the spread was validated with
    double with = 0;
    double without = 0;
    for (int half = 0; half < 2; half++) {
      Path bench = halfLibrary(tmp.resolve("half" + half), half);
      with += run(bench, TraceParams.DEFAULT, tmp).getDouble("top1_accuracy");
      without += run(bench, TraceParams.DEFAULT.with("sourceSpread", 0), tmp).getDouble("top1_accuracy");
    }
    // measured: 0.744 + 0.700 against 0.717 + 0.700
    assertThat(with).isGreaterThan(without);
  }

  @Test
  void givenALibraryOf500Enterprises_whenTheScreenFirstReadsEveryFourthCell_thenEveryAnswerIsThatOfAFullPass(
      @TempDir Path tmp) throws Exception {
    Map<String, String> twoPass = answers(tmp.resolve("two.jsonl"), TraceParams.DEFAULT);
    Map<String, String> onePass = answers(tmp.resolve("one.jsonl"), TraceParams.DEFAULT.with("screenShortlist", 0));

    assertThat(twoPass).hasSize(230).isEqualTo(onePass);
  }

  /** Each case's answer and share, traced against the benchmark's library padded to 500 enterprises. */
  private static Map<String, String> answers(Path out, TraceParams params) throws Exception {
    TraceBench.run(new TraceBench.Options(BENCH, out, params, null, 500, 5, 0, null,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    Map<String, String> answers = new HashMap<>();
    for (String line : Files.readAllLines(out)) {
      JsonObject p = new JsonObject(line);
      answers.put(p.getString("case"), p.getString("source") + " " + String.format("%.4f", p.getDouble("fraction")));
    }
    return answers;
  }

  private static JsonObject run(Path bench, TraceParams params, Path tmp) throws Exception {
    return TraceBench.run(new TraceBench.Options(bench, tmp.resolve("pred.jsonl"), params, null, 0, 5, 0, null,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  /** The shared benchmark with every other reference of each enterprise (from {@code offset}); cases as they are. */
  private static Path halfLibrary(Path dir, int offset) throws Exception {
    Path shared = BENCH.toAbsolutePath();
    Files.createDirectories(dir.resolve("library"));
    Files.createSymbolicLink(dir.resolve("eems"), shared.resolve("eems"));
    Files.createSymbolicLink(dir.resolve("cases.jsonl"), shared.resolve("cases.jsonl"));
    JsonObject lib = new JsonObject(Files.readString(shared.resolve("library/library.json")));
    JsonObject ents = lib.getJsonObject("enterprises");
    for (String id : ents.fieldNames()) {
      Files.createSymbolicLink(dir.resolve("library").resolve(id), shared.resolve("library").resolve(id));
      JsonArray files = ents.getJsonObject(id).getJsonArray("files");
      JsonArray kept = new JsonArray();
      for (int i = files.size() > 1 ? offset : 0; i < files.size(); i += 2) {
        kept.add(files.getValue(i));
      }
      ents.getJsonObject(id).put("files", kept);
    }
    Files.writeString(dir.resolve("library/library.json"), lib.encode());
    return dir;
  }

  @ParameterizedTest
  @CsvSource({
      // measured: 36 of 50 (the 30 bay-water cases, 18 of them unknown, and the 20 ocean cases, 18 unknown); 8 of
      // the 30 bay-water cases with rhoFloor 0.0075
      "E04, 0.70",
      // measured: 34 of 50 (19 of the 30 estuary cases, 15 ocean); 18 of 50 while the limit followed the worst
      // reference-to-reference residual instead of the mean (3 estuary cases: the rest were named E04 or E06)
      "E05, 0.60"})
  void givenAnEnterpriseMissingFromTheLibrary_whenItsCasesAreTraced_thenMostAreAnsweredUnknown(String missing,
      double floor, @TempDir Path tmp) throws Exception {
    JsonObject s = TraceBench.run(new TraceBench.Options(BENCH, tmp.resolve("pred.jsonl"), TraceParams.DEFAULT, null, 0,
        5, 0, missing, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    assertThat(s.getDouble("unknown_correct_rate")).isGreaterThanOrEqualTo(floor);
    assertThat(s.getDouble("none_correct_rate")).isGreaterThanOrEqualTo(0.89);
  }
}
