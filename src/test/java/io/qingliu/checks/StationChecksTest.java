package io.qingliu.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.model.Severity;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.qingliu.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-station checks, driven reading by reading with no server. */
class StationChecksTest {

  static final Station RIVER = new Station("S1", "一号", "One", StationKind.MICRO, "r", "R1", 1, 3, false, 60, "x",
      EnumSet.of(Parameter.NH3N, Parameter.DO, Parameter.TEMP), Map.of(), null);
  static final Station OUTFALL = new Station("OF", "排口", "Outfall", StationKind.OUTFALL, "r", "R1", 1, 0, false, 60,
      "x", EnumSet.of(Parameter.COD, Parameter.NH3N), Map.of(Parameter.COD, 50.0), null);

  final List<Finding> findings = new ArrayList<>();
  long t = 1_700_000_000_000L;

  Reading reading(Parameter p, double v) {
    double[] values = Reading.emptyValues();
    values[p.ordinal()] = v;
    t += 60_000;
    return new Reading("S1", t, values);
  }

  @Test
  void givenOneNoisyReading_thenNothingFires() {
    StationChecks c = new StationChecks(RIVER, WaterQualityStandardTest.GB, new ExceedanceOptions());
    for (double v : new double[] {0.4, 1.8, 0.4, 0.5, 1.2, 0.4, 0.3}) {
      c.evaluate(reading(Parameter.NH3N, v), findings::add);
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void givenThreeBadOfFive_thenItFires_andItStopsOnlyAfterThreeClearlyGoodReadings() {
    StationChecks c = new StationChecks(RIVER, WaterQualityStandardTest.GB, new ExceedanceOptions());
    c.evaluate(reading(Parameter.NH3N, 1.2), findings::add);
    c.evaluate(reading(Parameter.NH3N, 0.4), findings::add);
    c.evaluate(reading(Parameter.NH3N, 1.3), findings::add);
    assertThat(findings).isEmpty();
    c.evaluate(reading(Parameter.NH3N, 2.5), findings::add);
    Finding f = findings.get(0);
    assertThat(f.firing()).isTrue();
    assertThat(f.kind()).isEqualTo(AlertKind.EXCEEDANCE);
    assertThat(f.parameter()).isEqualTo(Parameter.NH3N);
    assertThat(f.waterClass()).isEqualTo(6);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.message()).contains("超标 1.50 倍");

    findings.clear();
    c.evaluate(reading(Parameter.NH3N, 0.5), findings::add);
    c.evaluate(reading(Parameter.NH3N, 0.99), findings::add); // inside, but within the 5 % hysteresis band
    c.evaluate(reading(Parameter.NH3N, 0.5), findings::add);
    c.evaluate(reading(Parameter.NH3N, 0.5), findings::add);
    assertThat(findings).allMatch(Finding::firing);
    c.evaluate(reading(Parameter.NH3N, 0.5), findings::add);
    assertThat(findings.get(findings.size() - 1).firing()).isFalse();
    assertThat(c.currentClass()).isEqualTo(2);
  }

  @Test
  void givenLowDissolvedOxygen_thenItFires_becauseForDoLowerIsWorse() {
    StationChecks c = new StationChecks(RIVER, WaterQualityStandardTest.GB, new ExceedanceOptions());
    for (int i = 0; i < 3; i++) {
      c.evaluate(reading(Parameter.DO, 3.5), findings::add);
    }
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.parameter()).isEqualTo(Parameter.DO);
      assertThat(f.limit()).isEqualTo(5.0);
      assertThat(f.waterClass()).isEqualTo(4);
    });
  }

  @Test
  void givenContextParameter_thenItNeverFires() {
    StationChecks c = new StationChecks(RIVER, WaterQualityStandardTest.GB, new ExceedanceOptions());
    for (int i = 0; i < 10; i++) {
      c.evaluate(reading(Parameter.TEMP, 35), findings::add);
    }
    assertThat(findings).isEmpty();
  }

  @Test
  void givenRetransmittedReading_thenItIsNotCountedTwice() {
    StationChecks c = new StationChecks(RIVER, WaterQualityStandardTest.GB, new ExceedanceOptions());
    Reading bad = reading(Parameter.NH3N, 1.5);
    assertThat(c.evaluate(bad, findings::add)).isTrue();
    assertThat(c.evaluate(bad, findings::add)).isFalse();
    assertThat(c.evaluate(bad, findings::add)).isFalse();
    assertThat(findings).isEmpty();
  }

  @Test
  void givenOutfall_thenItAnswersToItsPermitNotToGb3838() {
    StationChecks c = new StationChecks(OUTFALL, WaterQualityStandardTest.GB, new ExceedanceOptions());
    for (int i = 0; i < 3; i++) {
      c.evaluate(reading(Parameter.NH3N, 30), findings::add); // no permit limit for NH3-N here
      c.evaluate(reading(Parameter.COD, 70), findings::add);
    }
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.parameter()).isEqualTo(Parameter.COD);
      assertThat(f.limit()).isEqualTo(50.0);
      assertThat(f.message()).contains("排放许可限值");
    });
  }

  static final Station FIVE_PARAMETERS = new Station("S5", "五参数站", "Five", StationKind.MICRO, "r", "R1", 1, 3,
      false, 60, "x", EnumSet.of(Parameter.PH, Parameter.DO, Parameter.TEMP, Parameter.COND, Parameter.TURB), Map.of(),
      null);

  Reading five(java.util.Random noise, double phShift, double condShift) {
    double[] v = Reading.emptyValues();
    v[Parameter.PH.ordinal()] = 7.6 + phShift + noise.nextGaussian() * 0.02;
    v[Parameter.DO.ordinal()] = 8.2 + noise.nextGaussian() * 0.05;
    v[Parameter.TEMP.ordinal()] = 12 + noise.nextGaussian() * 0.05;
    v[Parameter.COND.ordinal()] = 520 + condShift + noise.nextGaussian() * 3;
    v[Parameter.TURB.ordinal()] = 10 + noise.nextGaussian() * 0.3;
    t += 60_000;
    return new Reading("S5", t, v);
  }

  @Test
  void givenTheEventDetector_whenPhAndConductivityLeaveTheirNormalTogether_thenAnEventFires_withinTheLimits() {
    StationChecks c = new StationChecks(FIVE_PARAMETERS, WaterQualityStandardTest.GB, new ExceedanceOptions(),
        new DetectorOptions(), null, Debounce.NONE);
    java.util.Random noise = new java.util.Random(7);
    for (int i = 0; i < 200; i++) {
      c.evaluate(five(noise, 0, 0), findings::add);
    }
    assertThat(findings).as("steady water, noise only").noneMatch(f -> f.kind() == AlertKind.EVENT);
    for (int i = 0; i < 4; i++) {
      c.evaluate(five(noise, 0.6, 250), findings::add);
    }
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(AlertKind.EVENT);
      assertThat(f.firing()).isTrue();
      assertThat(f.message()).contains("水质异常事件");
    });
    assertThat(findings).as("pH 8.2 is still inside GB 3838").noneMatch(f -> f.kind() == AlertKind.EXCEEDANCE);
  }

  @Test
  void givenAnOfflineAlertLeftOpenByAnEarlierRun_whenTheStationReports_thenItIsCleared() {
    OfflineWatch watch = new OfflineWatch(MutableClock.at(Instant.parse("2026-11-28T00:00:00Z")), 3);
    watch.watch(RIVER);
    watch.resumeOffline("S1");
    watch.seen("S1", findings::add);
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AlertKind.OFFLINE);
      assertThat(f.firing()).isFalse();
    });
  }

  @Test
  void givenASilentStation_whenTheClockPassesThreeIntervals_thenOfflineFires_andClearsWhenItReports() {
    MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T00:00:00Z"));
    OfflineWatch watch = new OfflineWatch(clock, 3);
    watch.watch(RIVER);
    clock.advance(Duration.ofSeconds(180));
    watch.sweep(findings::add);
    assertThat(findings).as("exactly 3 intervals is not yet offline").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    watch.sweep(findings::add);
    watch.sweep(findings::add);
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(AlertKind.OFFLINE);
      assertThat(f.firing()).isTrue();
    });
    assertThat(watch.isOffline("S1")).isTrue();
    watch.seen("S1", findings::add);
    assertThat(findings).hasSize(2);
    assertThat(findings.get(1).firing()).isFalse();
    assertThat(watch.isOffline("S1")).isFalse();
  }

  /** Readings every 5 minutes from a steady level; the rule: 60 minutes, half of the class III limit. */
  List<Finding> rates(Parameter p, double... values) {
    StationChecks c = new StationChecks(RIVER, WaterQualityStandardTest.GB, new ExceedanceOptions(), null,
        new RateOfChangeOptions(), Debounce.NONE);
    for (double v : values) {
      double[] reading = Reading.emptyValues();
      reading[p.ordinal()] = v;
      t += 5 * 60_000;
      c.evaluate(new Reading("S1", t, reading), f -> {
        if (f.kind() == AlertKind.RATE) {
          findings.add(f);
        }
      });
    }
    return findings;
  }

  @Test
  void givenAmmoniaRisingHalfItsLimitWithinAnHour_whenStillInsideClassIII_thenTheRateOfChangeFires() {
    List<Finding> f = rates(Parameter.NH3N, 0.30, 0.31, 0.30, 0.45, 0.62, 0.81, 0.85);

    assertThat(f).isNotEmpty();
    Finding first = f.get(0);
    assertThat(first.firing()).isTrue();
    assertThat(first.parameter()).isEqualTo(Parameter.NH3N);
    assertThat(first.value()).as("fires at the second reading past the allowance, not the first").isEqualTo(0.85);
    assertThat(first.limit()).as("half of class III's 1.0 mg/L").isEqualTo(0.5);
    assertThat(first.message()).contains("60 分钟内上升").contains("0.300 → 0.850");
    assertThat(first.severity()).isEqualTo(Severity.MINOR);
  }

  @Test
  void givenOneSteepGlitch_thenTheRateOfChangeStaysQuiet() {
    assertThat(rates(Parameter.NH3N, 0.30, 0.31, 0.95, 0.30, 0.31, 0.30)).isEmpty();
  }

  @Test
  void givenAmmoniaFalling_thenItIsRecovery_notARateAlert() {
    assertThat(rates(Parameter.NH3N, 0.95, 0.90, 0.60, 0.35, 0.30, 0.30)).isEmpty();
  }

  @Test
  void givenDissolvedOxygenCollapsing_thenTheFallIsWhatFires() {
    List<Finding> f = rates(Parameter.DO, 8.0, 8.1, 8.0, 6.5, 5.2, 5.0);

    assertThat(f).extracting(Finding::firing).startsWith(true);
    assertThat(f.get(0).message()).contains("下降");
  }

  @Test
  void givenAStepThatStaysUp_whenTheWindowHasPassed_thenTheRateOfChangeClears() {
    double[] series = new double[24];
    java.util.Arrays.fill(series, 0.9);
    System.arraycopy(new double[] {0.3, 0.3, 0.3, 0.9}, 0, series, 0, 4);

    List<Finding> f = rates(Parameter.NH3N, series);

    assertThat(f).extracting(Finding::firing).startsWith(true).endsWith(false);
    long firing = f.stream().filter(Finding::firing).count();
    assertThat(firing).as("fires while the rise is inside the 60-minute window, about 12 readings")
        .isBetween(8L, 14L);
  }
}
