package io.qingliu.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Severity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayedTest {

  private static Finding tp(boolean firing, long minute) {
    return new Finding(AlertKind.EXCEEDANCE, "S1", Parameter.TP, firing, 0.5, 0.2, 5, 3, Severity.MINOR, "m",
        minute * 60_000);
  }

  private static Finding nh3n(boolean firing, long minute) {
    return new Finding(AlertKind.EXCEEDANCE, "S1", Parameter.NH3N, firing, 1.6, 1.0, 4, 3, Severity.MINOR, "m",
        minute * 60_000);
  }

  private static Map<Finding, Long> firing(Replayed replayed) {
    Map<Finding, Long> out = new HashMap<>();
    replayed.forEachFiring(out::put);
    return out;
  }

  @Test
  void givenAConditionThatFiredStoppedAndFiredAgain_whenReplayed_thenItFiresSinceItStartedAgain_notSinceItsLatestFinding() {
    Replayed replayed = new Replayed();
    for (Finding f : new Finding[] {tp(true, 0), tp(true, 1), tp(false, 2), tp(true, 5), tp(true, 6), tp(true, 9)}) {
      replayed.accept(f);
    }

    assertThat(firing(replayed)).as("a pending rule counts from the start of the unbroken firing")
        .containsExactly(Map.entry(tp(true, 9), 5 * 60_000L));
  }

  @Test
  void givenAConditionThatStoppedAtTheEnd_whenReplayed_thenItIsNotFiring_andOthersKeepTheirOwnStart() {
    Replayed replayed = new Replayed();
    replayed.accept(nh3n(true, 1));
    replayed.accept(tp(true, 2));
    replayed.accept(nh3n(true, 3));
    replayed.accept(tp(false, 4));

    assertThat(firing(replayed)).as("the stopped condition is forgotten")
        .containsExactly(Map.entry(nh3n(true, 3), 60_000L));
  }
}
