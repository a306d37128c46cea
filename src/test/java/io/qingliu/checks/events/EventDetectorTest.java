package io.qingliu.checks.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The detector's behaviours, each on a synthetic station driven reading by reading. Time is injected through the
 * readings' own timestamps (the detector has no clock); noise is seeded, so every run sees the same numbers.
 */
class EventDetectorTest {

  static final long T0 = 1_700_000_000_000L;
  static final long MINUTE = 60_000;
  static final List<String> SIGNALS = List.of("pH", "cond", "turb", "temp");

  /** A station of pH (σ 0.01, shown to 0.01), conductivity (σ 2 µS/cm), turbidity (σ 0.5 NTU) and temperature. */
  static final class Station {
    final EventDetector detector;
    final Random noise = new Random(42);
    final long step;
    long t = T0;
    final List<EventState> states = new ArrayList<>();

    Station(DetectorOptions options, long step) {
      this.detector = new EventDetector(options, SIGNALS, Set.of("temp"));
      this.step = step;
    }

    Station() {
      this(new DetectorOptions(), MINUTE);
    }

    /** One reading at the next step: the normal values plus the given offsets. */
    EventState read(double dPh, double dCond, double dTurb, double dTemp) {
      double ph = Math.round((7.8 + 0.01 * noise.nextGaussian() + dPh) * 100) / 100.0;
      double cond = 420 + 2 * noise.nextGaussian() + dCond;
      double turb = 5 + 0.5 * noise.nextGaussian() + dTurb;
      double temp = 18 + 0.05 * noise.nextGaussian() + dTemp;
      EventState s = detector.observe(t, new double[] {ph, cond, turb, temp});
      states.add(s);
      t += step;
      return s;
    }

    EventState normal() {
      return read(0, 0, 0, 0);
    }

    void normal(int n) {
      for (int i = 0; i < n; i++) {
        normal();
      }
    }

    boolean anyEvent() {
      return states.stream().anyMatch(EventState::event);
    }
  }

  @Test
  void givenPhAndConductivityJumpTogether_whenTheyStayOff_thenAnEventNamesBothAndDatesItFromTheFirstOutlier() {
    Station s = new Station();
    s.normal(300);
    s.states.clear();
    long start = s.t;
    EventState first = s.read(0.3, -40, 0, 0);
    EventState second = s.read(0.3, -40, 0, 0);
    for (int i = 0; i < 18; i++) {
      s.read(0.3, -40, 0, 0);
    }
    EventState during = s.states.get(s.states.size() - 1);
    EventState after = s.normal();

    assertThat(first.event()).as("one outlier is not yet an event (2 of 3)").isFalse();
    assertThat(second.event()).as("the second outlier opens it").isTrue();
    assertThat(second.sinceMillis()).as("the event is dated from its first outlier").isEqualTo(start);
    assertThat(during.event()).isTrue();
    assertThat(during.contributors()).extracting(Deviation::signal).containsExactlyInAnyOrder("pH", "cond");
    Deviation ph = during.contributors().stream().filter(d -> d.signal().equals("pH")).findFirst().orElseThrow();
    assertThat(ph.delta()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.03));
    assertThat(ph.z()).as("30 σ above its normal").isGreaterThan(10);
    assertThat(during.describe()).contains("pH", "cond", "σ", "已持续 19 分钟");
    assertThat(during.faults()).as("a water-quality event is no sensor fault").isEmpty();
    assertThat(after.event()).as("the event ends when the water is back to normal").isFalse();
  }

  @Test
  void givenTheRiverProfile_whenTwoSignalsAreModeratelyOffTogether_thenTheEventAlwaysSaysWhich() {
    Station s = new Station(new DetectorOptions().setThreshold(3.5), MINUTE);
    s.normal(300);
    s.states.clear();
    for (int i = 0; i < 10; i++) {
      s.read(0, 6.4, 1.6, 0); // about 3σ each: neither alone is an outlier, together they are
    }

    List<EventState> events = s.states.stream().filter(EventState::event).toList();
    assertThat(events).isNotEmpty();
    assertThat(events).allSatisfy(st -> assertThat(st.contributors()).as("never an event without a reason")
        .isNotEmpty());
    assertThat(events.stream().flatMap(st -> st.contributors().stream()).map(Deviation::signal))
        .containsOnly("cond", "turb").contains("cond", "turb");
  }

  @Test
  void givenOneTurbidityReadingFarOff_whenTheNextIsNormal_thenNoEventButASpikeFault() {
    Station s = new Station();
    s.normal(300);
    s.states.clear();
    long spikeAt = s.t;
    s.read(0, 0, 30, 0);
    EventState next = s.normal();
    s.normal(5);

    assertThat(s.anyEvent()).as("a single outlier never pages").isFalse();
    assertThat(next.faults()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FaultKind.SPIKE);
      assertThat(f.signal()).isEqualTo("turb");
      assertThat(f.sinceMillis()).isEqualTo(spikeAt);
    });
  }

  @Test
  void givenTwoGlitchesOnDifferentSignalsInARow_whenEachReturns_thenStillNoEvent() {
    Station s = new Station();
    s.normal(300);
    s.states.clear();
    s.read(0, 0, 30, 0);
    s.read(0, 0, 0, 0);
    s.read(0, 60, 0, 0);
    s.normal(5);

    assertThat(s.anyEvent()).as("isolated spikes are taken back out of the k-of-n count").isFalse();
  }

  @Test
  void givenPhOutsideItsPhysicalRange_thenItIsAnOutOfRangeFault_andNeverAnEvent() {
    Station s = new Station();
    s.normal(300);
    s.states.clear();
    for (int i = 0; i < 10; i++) {
      s.read(7.5, 0, 0, 0); // pH 15.3
    }

    assertThat(s.anyEvent()).isFalse();
    assertThat(s.states).allSatisfy(st -> assertThat(st.faults())
        .anySatisfy(f -> {
          assertThat(f.kind()).isEqualTo(FaultKind.OUT_OF_RANGE);
          assertThat(f.signal()).isEqualTo("pH");
          assertThat(f.sinceMillis()).isEqualTo(s.states.get(0).tsMillis());
        }));
  }

  @Test
  void givenAStuckConductivitySensor_thenAFlatlineFault_andNoEvent() {
    DetectorOptions o = new DetectorOptions().setSignal("cond", new DetectorOptions.SignalOptions()
        .setFlatlineReadings(60));
    EventDetector d = new EventDetector(o, SIGNALS, Set.of("temp"));
    Random r = new Random(1);
    List<EventState> states = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double cond = i < 300 ? 420 + 2 * r.nextGaussian() : 433.0; // stuck from reading 300
      states.add(d.observe(T0 + i * MINUTE, new double[] {7.8 + 0.01 * r.nextGaussian(), cond,
          5 + 0.5 * r.nextGaussian(), 18}));
    }

    assertThat(states.subList(0, 358)).noneMatch(st -> st.faults().stream()
        .anyMatch(f -> f.kind() == FaultKind.FLATLINE));
    assertThat(states.get(399).faults()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(FaultKind.FLATLINE);
      assertThat(f.signal()).isEqualTo("cond");
      assertThat(f.sinceMillis()).isEqualTo(T0 + 300 * MINUTE);
    });
    assertThat(states.subList(300, 400)).noneMatch(EventState::event);
  }

  @Test
  void givenADiurnalCycleAtAMinuteStation_whenDaysPass_thenItNeverAlarms() {
    Station s = new Station();
    for (int i = 0; i < 4 * 1440; i++) {
      double phase = 2 * Math.PI * i / 1440.0;
      s.read(0.15 * Math.sin(phase), 25 * Math.sin(phase + 1), 2 * Math.max(0, Math.sin(phase)), 3 * Math.sin(phase));
    }

    assertThat(s.anyEvent()).as("a daily cycle is the station's normal, not an event at every dawn").isFalse();
  }

  @Test
  void givenADiurnalCycleAtAQuarterHourRiverStation_whenWeeksPass_thenItNeverAlarms() {
    Station s = new Station(new DetectorOptions(), 15 * MINUTE);
    for (int i = 0; i < 21 * 96; i++) {
      double phase = 2 * Math.PI * i / 96.0;
      s.read(0.2 * Math.sin(phase), 30 * Math.sin(phase + 1), 3 * Math.max(0, Math.sin(phase)), 2 * Math.sin(phase));
    }

    assertThat(s.anyEvent()).isFalse();
  }

  @Test
  void givenALastingShiftOfConductivity_whenItSettles_thenTheBaselineIsResetAndTheNewLevelIsNormal() {
    Station s = new Station();
    s.normal(300);
    s.states.clear();
    for (int i = 0; i < 400; i++) {
      s.read(0, 60, 0, 0);
    }

    List<EventState> st = s.states;
    assertThat(st.get(5).event()).as("at first the shift is an event").isTrue();
    int reset = indexOfReset(st);
    assertThat(reset).as("reset after settleReadings").isBetween(DetectorOptions.DEFAULT_SETTLE_READINGS - 2,
        DetectorOptions.DEFAULT_SETTLE_READINGS + 10);
    assertThat(st.get(reset).event()).isFalse();
    assertThat(st.subList(reset, st.size())).as("the new level is normal: no more alarm").noneMatch(
        EventState::event);
  }

  @Test
  void givenAShiftThatKeepsMoving_whenItOutlastsTheTimeout_thenTheBaselineIsResetAnyway() {
    DetectorOptions o = new DetectorOptions().setTimeoutReadings(100);
    Station s = new Station(o, MINUTE);
    s.normal(300);
    s.states.clear();
    for (int i = 0; i < 300; i++) {
      s.read(0, 60 + 15 * Math.sin(i / 2.0), 0, 0); // off and oscillating: never settles
    }

    int reset = indexOfReset(s.states);
    assertThat(reset).isBetween(99, 101);
  }

  @Test
  void givenOnlyTheTemperatureJumps_thenNoEvent_becauseContextNeverAlarmsAlone() {
    Station s = new Station();
    s.normal(300);
    for (int i = 0; i < 50; i++) {
      s.read(0, 0, 0, 6);
    }
    assertThat(s.anyEvent()).isFalse();
  }

  @Test
  void givenAnEventWhileTheTemperatureIsOff_thenTheTemperatureIsReportedAsContext() {
    Station s = new Station();
    s.normal(300);
    EventState st = null;
    for (int i = 0; i < 5; i++) {
      st = s.read(0.3, 0, 0, 6);
    }
    assertThat(st.event()).isTrue();
    assertThat(st.contributors()).extracting(Deviation::signal).containsExactly("pH");
    assertThat(st.context()).extracting(Deviation::signal).containsExactly("temp");
  }

  @Test
  void givenTwoChlorineAnalysers_whenOneDriftsSlowly_thenADriftFault_andNoEvent() {
    DetectorOptions o = new DetectorOptions().addNeighbours("cl1", "cl2");
    EventDetector d = new EventDetector(o, List.of("cl1", "cl2"), Set.of());
    Random r = new Random(7);
    List<EventState> states = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      double water = 0.30 + 0.005 * r.nextGaussian();
      double drift = i < 2000 ? 0 : 0.0001 * (i - 2000); // 0.1 mg/L in 1,000 minutes
      states.add(d.observe(T0 + i * MINUTE, new double[] {water + 0.003 * r.nextGaussian(),
          water - 0.05 + 0.003 * r.nextGaussian() + drift}));
    }

    assertThat(states.subList(0, 2000)).noneMatch(st -> !st.faults().isEmpty());
    assertThat(states.get(4999).faults()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(FaultKind.DRIFT);
      assertThat(f.signal()).isEqualTo("cl1/cl2");
    });
    assertThat(states).noneMatch(EventState::event);
  }

  @Test
  void givenARetransmittedReading_thenItChangesNothing() {
    Station s = new Station();
    s.normal(300);
    EventState before = s.states.get(s.states.size() - 1);
    EventState again = s.detector.observe(before.tsMillis(), new double[] {9.9, 999, 99, 18});
    assertThat(again).isSameAs(before);
  }

  @Test
  void givenALongSilence_thenARunningEventDoesNotRunAcrossIt() {
    Station s = new Station();
    s.normal(300);
    s.read(0.3, 0, 0, 0);
    assertThat(s.read(0.3, 0, 0, 0).event()).isTrue();
    s.t += 600 * MINUTE; // ten hours without data, far past maxGapReadings × step
    assertThat(s.read(0.3, 0, 0, 0).event()).as("after the gap it must be confirmed again").isFalse();
  }

  @Test
  void givenOptionsFromJson_thenEveryKeyIsRead_andMissingKeysAreDefaults() {
    DetectorOptions o = new DetectorOptions(new io.vertx.core.json.JsonObject()
        .put("threshold", 5.5).put("k", 3).put("window", 5)
        .put("signals", new io.vertx.core.json.JsonObject().put("do", new io.vertx.core.json.JsonObject()
            .put("min", 0).put("max", 25)))
        .put("neighbours", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonArray()
            .add("cl1").add("cl2"))));
    assertThat(o.getThreshold()).isEqualTo(5.5);
    assertThat(o.getK()).isEqualTo(3);
    assertThat(o.getWindow()).isEqualTo(5);
    assertThat(o.getHistoryReadings()).isEqualTo(DetectorOptions.DEFAULT_HISTORY_READINGS);
    assertThat(o.signal("do").getMax()).isEqualTo(25);
    assertThat(o.signal("pH").getMax()).as("built-in pH range kept").isEqualTo(14);
    assertThat(o.getNeighbours()).hasSize(1);
    assertThat(new DetectorOptions(o.toJson()).toJson()).isEqualTo(o.toJson());
  }

  private static int indexOfReset(List<EventState> states) {
    for (int i = 0; i < states.size(); i++) {
      if (states.get(i).baselineReset()) {
        return i;
      }
    }
    return -1;
  }
}
