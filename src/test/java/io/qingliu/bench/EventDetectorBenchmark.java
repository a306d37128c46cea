package io.qingliu.bench;

import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.checks.events.EventDetector;
import io.qingliu.checks.events.EventState;
import java.util.Set;
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

/**
 * Cost of one {@link EventDetector#observe} for a 9-signal station (the GECCO 2018 drinking-water slice, built as in
 * {@code DetectorCostTest}: Tp, Fm and Fm_2 are context). One detector lives for the whole trial and is fed the rows in
 * order, cycling through the 15,840 rows with the clock moved on by the slice's span each lap, so its baselines,
 * tail estimates and latches evolve as at a real station (events and sensor faults included) rather than being
 * re-judged on one frozen reading. SampleTime gives the distribution (p0.50, p0.99); AverageTime the mean. Run with
 * {@code loadtest/jmh.sh EventDetectorBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventDetectorBenchmark {

  private GeccoRows rows;
  private EventDetector detector;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    rows = new GeccoRows();
    detector = new EventDetector(new DetectorOptions(), rows.series.names, Set.of("Tp", "Fm", "Fm_2"));
  }

  @Benchmark
  public EventState observe() {
    EventState state = detector.observe(rows.time(), rows.series.values[rows.row()]);
    rows.advance();
    return state;
  }
}
