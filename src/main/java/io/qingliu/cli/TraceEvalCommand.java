package io.qingliu.cli;

import io.qingliu.tracing.TraceParams;
import io.qingliu.tracing.bench.TraceBench;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code trace-eval}: runs the server's fingerprint tracing on a benchmark directory (layout of ../shared/data/eem),
 * writes one prediction per case and, when the cases carry their truth, prints the scores as the last stdout line.
 */
@Command(name = "trace-eval", mixinStandardHelpOptions = true,
    description = "Evaluate fingerprint source tracing on an EEM benchmark directory.")
public final class TraceEvalCommand implements Callable<Integer> {

  @Option(names = "--bench", required = true, paramLabel = "DIR",
      description = "Benchmark directory: library/library.json, eems/, cases.jsonl.")
  Path bench;

  @Option(names = "--out", required = true, paramLabel = "PRED.jsonl", description = "Predictions, one per case.")
  Path out;

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = "Override a tracing parameter (see TraceParams), e.g. --param anomalyRatio=2.")
  Map<String, Double> params = new LinkedHashMap<>();

  @Option(names = "--station", paramLabel = "ID", description = "Only the cases of this station.")
  String station;

  @Option(names = "--pad-enterprises", paramLabel = "N", defaultValue = "0",
      description = "Pad the library with synthetic enterprises up to N (latency at scale, e.g. 157 or 2000).")
  int padEnterprises;

  @Option(names = "--refs-per-enterprise", paramLabel = "K", defaultValue = "5",
      description = "References per synthetic enterprise (default: ${DEFAULT-VALUE}).")
  int refsPerEnterprise;

  @Option(names = "--warmup", paramLabel = "PASSES", defaultValue = "1",
      description = "Untimed passes before the timed one (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--without", paramLabel = "ENTERPRISE",
      description = "Trace as if this enterprise were missing from the library; its cases count as unknown-source "
          + "cases (a held-out check of the unknown decision).")
  String without;

  @Override
  public Integer call() throws Exception {
    TraceParams p = TraceParams.DEFAULT;
    for (Map.Entry<String, Double> e : params.entrySet()) {
      p = p.with(e.getKey(), e.getValue());
    }
    JsonObject summary = TraceBench.run(new TraceBench.Options(bench, out, p, station, padEnterprises,
        refsPerEnterprise, warmup, without, System.err));
    if (summary != null) {
      System.out.println(summary.encode());
    }
    return 0;
  }
}
