package io.qingliu.checks.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The scorer counts exactly like the shared score_gecco.py (checked against it on the full GECCO replay). */
class ReplayScoreTest {

  static boolean[] flags(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }

  static long[] minutes(int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 60_000L;
    }
    return t;
  }

  @Test
  void givenTwoEventsOneCaughtLateAndOneFalseAlarm_thenPointwiseAndEventFiguresFollowTheScorer() {
    boolean[] labels = flags("0011110000111000");
    boolean[] pred = flags("0000111000000011");
    ReplayScore s = ReplayScore.of(labels, pred, minutes(labels.length));

    assertThat(s.tp()).isEqualTo(2);
    assertThat(s.fp()).isEqualTo(3);
    assertThat(s.fn()).isEqualTo(5);
    assertThat(s.precision()).isCloseTo(0.4, within(1e-9));
    assertThat(s.recall()).isCloseTo(2 / 7.0, within(1e-9));
    assertThat(s.f1()).isCloseTo(2 * 0.4 * (2 / 7.0) / (0.4 + 2 / 7.0), within(1e-9));
    assertThat(s.events()).isEqualTo(2);
    assertThat(s.eventsDetected()).isEqualTo(1);
    assertThat(s.medianDelayMin()).isEqualTo(2.0);
    assertThat(s.alarmEpisodes()).isEqualTo(2);
    assertThat(s.falseAlarmEpisodes()).as("the alarm overlapping an event row is not false").isEqualTo(1);
    assertThat(s.days()).isCloseTo(16 / 1440.0, within(1e-12));
    assertThat(s.toJson()).startsWith("{\"f1\":0.333333,\"precision\":0.4,\"recall\":0.285714,\"events\":2,"
        + "\"events_detected\":1,");
  }

  @Test
  void givenNoAlarmAtAll_thenF1IsZeroAndTheDelayIsNull() {
    ReplayScore s = ReplayScore.of(flags("0110"), flags("0000"), minutes(4));
    assertThat(s.f1()).isZero();
    assertThat(s.medianDelayMin()).isNull();
    assertThat(s.toJson()).endsWith("\"median_delay_min\":null}");
  }
}
