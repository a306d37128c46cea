package io.qingliu.checks.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.cli.ReplayCommand;
import io.qingliu.model.Parameter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What one station's detector costs: time per reading and bytes of state. An in-test guard, not the measurement
 * (that is JMH's {@code io.qingliu.bench.EventDetectorBenchmark}, see docs/detection.md "Cost"): each {@code observe}
 * is timed with {@code System.nanoTime} after a JIT warm-up, so the figures include the timer's own ~20 ns. The printed lines go to the surefire output file.
 */
class DetectorCostTest {

  @Test
  void givenTheGeccoSlice_whenReplayedAfterWarmUp_thenTheMedianReadingCostsUnderFiveMicroseconds() throws Exception {
    ReplayCommand.Series s = ReplayCommand.Series.read(ReplayGeccoIT.SLICE, "Time", "EVENT");
    Set<String> context = Set.of("Tp", "Fm", "Fm_2");
    long span = s.times[s.times.length - 1] - s.times[0] + 60_000;
    for (int round = 0; round < 5; round++) { // warm-up: let the JIT compile the hot path
      EventDetector d = new EventDetector(new DetectorOptions(), s.names, context);
      for (int r = 0; r < s.times.length; r++) {
        d.observe(s.times[r], s.values[r]);
      }
    }
    int rounds = 3;
    long[] nanos = new long[rounds * s.times.length];
    int n = 0;
    for (int round = 0; round < rounds; round++) {
      EventDetector d = new EventDetector(new DetectorOptions(), s.names, context);
      for (int r = 0; r < s.times.length; r++) {
        long t0 = System.nanoTime();
        d.observe(s.times[r] + round * span, s.values[r]);
        nanos[n++] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(nanos);
    double median = nanos[n / 2] / 1000.0;
    double p99 = nanos[(int) (n * 0.99)] / 1000.0;
    System.out.printf(Locale.ROOT, "per reading (9 signals, %d readings): median %.2f µs, p99 %.2f µs, max %.1f µs%n",
        n, median, p99, nanos[n - 1] / 1000.0);
    assertThat(median).as("median cost per reading, µs").isLessThanOrEqualTo(5.0);
  }

  @Test
  void givenTenThousandStationsOfEveryQingliuParameter_thenTheirStateFitsIn512Megabytes() {
    List<String> all = Arrays.stream(Parameter.values()).map(Parameter::key).toList();
    Set<String> context = Set.of(Parameter.TEMP.key(), Parameter.FLOW.key());
    DetectorOptions options = new DetectorOptions();
    int stations = 10_000;
    long before = usedHeap();
    List<EventDetector> detectors = new ArrayList<>(stations);
    double[] values = new double[all.size()];
    for (int i = 0; i < stations; i++) {
      EventDetector d = new EventDetector(options, all, context);
      for (int r = 0; r < 3; r++) {
        Arrays.fill(values, 1 + r * 0.01);
        d.observe(1_700_000_000_000L + r * 60_000L, values);
      }
      detectors.add(d);
    }
    long after = usedHeap();
    long perStation = (after - before) / stations;
    long estimate = EventDetector.estimatedBytes(options, all.size(), 0);
    System.out.printf(Locale.ROOT, "%d signals: %d bytes per station measured, %d estimated; %d stations: %.0f MB%n",
        all.size(), perStation, estimate, stations, (after - before) / 1e6);
    assertThat(detectors).hasSize(stations);
    assertThat(after - before).as("10,000 stations of %d parameters", all.size()).isLessThan(512L << 20);
    assertThat((double) perStation).as("estimatedBytes is honest").isBetween(estimate * 0.7, estimate * 1.3);
  }

  private static long usedHeap() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
