package io.qingliu.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.model.Parameter;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class QingliuOptionsTest {

  @Test
  void givenAnEventProfileForRiverStations_thenItIsLaidOverTheBaseOptions_andOtherKindsKeepTheBase() {
    QingliuOptions o = new QingliuOptions(new JsonObject("""
        {"checks": {"events": {"threshold": 6, "k": 3, "signals": {"ph": {"min": 0, "max": 14}}},
                    "eventProfiles": {"micro": {"threshold": 3.5, "signals": {"cond": {"max": 5000}}}}}}"""));

    assertThat(o.eventsFor(StationKind.MICRO).getThreshold()).isEqualTo(3.5);
    assertThat(o.eventsFor(StationKind.MICRO).getK()).as("the rest comes from checks.events").isEqualTo(3);
    assertThat(o.eventsFor(StationKind.MICRO).toJson().getJsonObject("signals").fieldNames())
        .as("nested keys merge, not replace").contains("ph", "cond");
    assertThat(o.eventsFor(StationKind.OUTFALL).getThreshold()).isEqualTo(6);
  }

  @Test
  void givenNoChecksSection_thenTheDetectorAndTheRateRuleAreOff() {
    QingliuOptions o = new QingliuOptions(new JsonObject());

    assertThat(o.eventsFor(StationKind.MICRO)).isNull();
    assertThat(o.getRateOfChange()).isNull();
    assertThat(o.getRebuildReadings()).isEqualTo(QingliuOptions.DEFAULT_REBUILD_READINGS);
  }

  @Test
  void givenTheShippedDemoConfig_thenRiverStationsGetTheRiverProfile_andAmmoniaMayRiseHalfItsLimitAnHour() {
    QingliuOptions o = new QingliuOptions(ConfigFiles.read("config/qingliu.json"));

    assertThat(o.eventsFor(StationKind.NATIONAL).getThreshold()).isEqualTo(3.5);
    assertThat(o.eventsFor(StationKind.OUTFALL).getThreshold()).isEqualTo(6);
    assertThat(o.getRateOfChange().maxChange(Parameter.NH3N, 1.0)).isEqualTo(0.5);
    assertThat(o.getRateOfChange().maxChange(Parameter.PH, 9)).isEqualTo(1.0);
  }
}
