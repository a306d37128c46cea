package io.qingliu.bench;

import io.qingliu.checks.ExceedanceOptions;
import io.qingliu.checks.RateOfChangeOptions;
import io.qingliu.checks.Debounce;
import io.qingliu.checks.StationChecks;
import io.qingliu.checks.WaterQualityStandard;
import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.cli.ReplayCommand;
import io.qingliu.config.ConfigFiles;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one {@link StationChecks#evaluate} (GB 3838 classification, k-of-n exceedance latches and the event
 * detector) for a class III river station of 6 parameters. The values are GECCO rows (as in
 * {@link EventDetectorBenchmark}), mapped onto Qingliu parameters: Tp → temp, pH → ph, Leit → cond, Trueb → turb,
 * Fm → flow, and the free-chlorine column Cl (0.1–0.2 mg/L) fed as nh3n, so that a second regulated parameter goes
 * through classification and its latch. The {@link Reading} is built inside the measured call, as ingest builds one
 * per message; the findings go to a {@link Blackhole}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StationChecksBenchmark {

  private static final String[] COLUMNS = {"Tp", "pH", "Leit", "Trueb", "Fm", "Cl"};
  private static final Parameter[] PARAMETERS = {Parameter.TEMP, Parameter.PH, Parameter.COND, Parameter.TURB,
      Parameter.FLOW, Parameter.NH3N};

  private GeccoRows rows;
  private double[][] values;
  private StationChecks checks;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    rows = new GeccoRows();
    ReplayCommand.Series s = rows.series;
    values = new double[s.times.length][];
    for (int r = 0; r < s.times.length; r++) {
      double[] v = Reading.emptyValues();
      for (int c = 0; c < COLUMNS.length; c++) {
        v[PARAMETERS[c].ordinal()] = s.values[r][s.names.indexOf(COLUMNS[c])];
      }
      values[r] = v;
    }
    Station station = new Station("B1", "基准", "Bench", StationKind.MICRO, "r", "R1", 1, 3, false, 60, "x",
        EnumSet.copyOf(java.util.List.of(PARAMETERS)), Map.of(), null);
    WaterQualityStandard gb = WaterQualityStandard.fromJson(ConfigFiles.read("config/standards/gb3838-2002.json"));
    checks = new StationChecks(station, gb, new ExceedanceOptions(), new DetectorOptions(), new RateOfChangeOptions(),
        Debounce.NONE);
  }

  @Benchmark
  public boolean evaluate(Blackhole bh) {
    boolean checked = checks.evaluate(new Reading("B1", rows.time(), values[rows.row()]), bh::consume);
    rows.advance();
    return checked;
  }
}
