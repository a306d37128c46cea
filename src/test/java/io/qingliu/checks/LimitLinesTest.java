package io.qingliu.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.qingliu.checks.LimitLines.Bounds;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limit lines a station's charts draw. */
class LimitLinesTest {

  final LimitLines lines = new LimitLines(WaterQualityStandardTest.GB);

  static Station station(int targetClass, boolean lake, Map<Parameter, Double> permit) {
    return new Station("S", "站", "S", targetClass == 0 ? StationKind.OUTFALL : StationKind.MICRO, "r", "R1", 0,
        targetClass, lake, 60, "x", EnumSet.of(Parameter.PH, Parameter.DO, Parameter.NH3N, Parameter.TP, Parameter.TN,
        Parameter.TEMP), permit, null);
  }

  @Test
  void givenAClassIIRiverStation_thenUpperLimitsDoFloorAndPhRangeOfClassIIAreDrawn() {
    Map<Parameter, Bounds> l = lines.of(station(2, false, Map.of()));
    assertThat(l.get(Parameter.NH3N)).isEqualTo(new Bounds(null, 0.5));
    assertThat(l.get(Parameter.TP)).isEqualTo(new Bounds(null, 0.1));
    assertThat(l.get(Parameter.DO)).isEqualTo(new Bounds(6.0, null));
    assertThat(l.get(Parameter.PH)).isEqualTo(new Bounds(6.0, 9.0));
    assertThat(l.keySet()).as("TN is judged in lakes only; temperature has no class limit")
        .doesNotContain(Parameter.TN, Parameter.TEMP);
  }

  @Test
  void givenALakeStation_thenTheLakeRowsOfTpAndTnApply() {
    Map<Parameter, Bounds> l = lines.of(station(3, true, Map.of()));
    assertThat(l.get(Parameter.TP)).isEqualTo(new Bounds(null, 0.05));
    assertThat(l.get(Parameter.TN)).isEqualTo(new Bounds(null, 1.0));
  }

  @Test
  void givenAnOutfall_thenOnlyItsPermitLimitsAreDrawn() {
    Map<Parameter, Bounds> l = lines.of(station(0, false, Map.of(Parameter.NH3N, 5.0)));
    assertThat(l).isEqualTo(Map.of(Parameter.NH3N, new Bounds(null, 5.0)));
  }
}
