package io.qingliu.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.model.Parameter;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonObject;
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
    JsonObject l = lines.of(station(2, false, Map.of()));
    assertThat(l.getJsonObject("nh3n")).isEqualTo(new JsonObject().put("max", 0.5));
    assertThat(l.getJsonObject("tp")).isEqualTo(new JsonObject().put("max", 0.1));
    assertThat(l.getJsonObject("do")).isEqualTo(new JsonObject().put("min", 6.0));
    assertThat(l.getJsonObject("ph")).isEqualTo(new JsonObject().put("min", 6.0).put("max", 9.0));
    assertThat(l.fieldNames()).as("TN is judged in lakes only; temperature has no class limit")
        .doesNotContain("tn", "temp");
  }

  @Test
  void givenALakeStation_thenTheLakeRowsOfTpAndTnApply() {
    JsonObject l = lines.of(station(3, true, Map.of()));
    assertThat(l.getJsonObject("tp")).isEqualTo(new JsonObject().put("max", 0.05));
    assertThat(l.getJsonObject("tn")).isEqualTo(new JsonObject().put("max", 1.0));
  }

  @Test
  void givenAnOutfall_thenOnlyItsPermitLimitsAreDrawn() {
    JsonObject l = lines.of(station(0, false, Map.of(Parameter.NH3N, 5.0)));
    assertThat(l).isEqualTo(new JsonObject().put("nh3n", new JsonObject().put("max", 5.0)));
  }
}
