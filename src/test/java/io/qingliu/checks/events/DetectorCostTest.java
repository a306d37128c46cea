package io.qingliu.checks.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.checks.ExceedanceOptions;
import io.qingliu.checks.RateOfChangeOptions;
import io.qingliu.checks.Debounce;
import io.qingliu.checks.StationChecks;
import io.qingliu.checks.WaterQualityStandard;
import io.qingliu.config.ConfigFiles;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What one station's detector holds in memory. Its time per reading is measured by JMH
 * ({@code io.qingliu.bench.EventDetectorBenchmark}, docs/detection.md "Cost"), not asserted here: a shared machine
 * makes wall-clock assertions flaky. The printed line goes to the surefire output file.
 */
class DetectorCostTest {

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

  @Test
  void givenTenThousandStationsWithEveryCheckOn_thenAllTheirCheckStateFitsIn512Megabytes() {
    WaterQualityStandard gb = WaterQualityStandard.fromJson(ConfigFiles.read("config/standards/gb3838-2002.json"));
    Station station = new Station("M", "满配", "All parameters", StationKind.MICRO, "r", "R1", 1, 3, false, 60, "x",
        EnumSet.allOf(Parameter.class), Map.of(), null);
    ExceedanceOptions exceedance = new ExceedanceOptions();
    DetectorOptions events = new DetectorOptions();
    RateOfChangeOptions rates = new RateOfChangeOptions();
    int stations = 10_000;
    long before = usedHeap();
    List<StationChecks> all = new ArrayList<>(stations);
    for (int i = 0; i < stations; i++) {
      StationChecks c = new StationChecks(station, gb, exceedance, events, rates, Debounce.NONE);
      for (int r = 0; r < 3; r++) {
        double[] values = Reading.emptyValues();
        Arrays.fill(values, 0.001 + r * 0.0001);
        c.evaluate(new Reading("M", 1_700_000_000_000L + r * 60_000L, values), f -> { });
      }
      all.add(c);
    }
    long after = usedHeap();
    System.out.printf(Locale.ROOT, "station checks, %d parameters, detector and rate windows: %d bytes per station; "
        + "%d stations: %.0f MB%n", Parameter.COUNT, (after - before) / stations, stations, (after - before) / 1e6);
    assertThat(all).hasSize(stations);
    assertThat(after - before).as("10,000 stations, every parameter, every check").isLessThan(512L << 20);
  }

  private static long usedHeap() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
