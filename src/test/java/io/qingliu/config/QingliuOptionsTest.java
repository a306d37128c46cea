package io.qingliu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingliu.model.Parameter;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void givenPortsInTheEnvironment_whenApplied_thenTheyWinOverTheFile() {
    QingliuOptions o = new QingliuOptions(ConfigFiles.read("config/qingliu.json"))
        .applyEnvironment(Map.of("QINGLIU_MQTT_PORT", "21883", "QINGLIU_HTTP_PORT", " 18080 ",
            "QINGLIU_HJ212_PORT", "0"));

    assertThat(o.getMqtt().getPort()).isEqualTo(21883);
    assertThat(o.getHttpPort()).isEqualTo(18080);
    assertThat(o.getHj212().getPort()).as("0: any free port").isZero();
  }

  @Test
  void givenAPortVariableThatIsNoPort_whenApplied_thenTheErrorNamesTheVariableAndTheValue() {
    QingliuOptions o = new QingliuOptions(new JsonObject());

    assertThatThrownBy(() -> o.applyEnvironment(Map.of("QINGLIU_MQTT_PORT", "mqtt")))
        .isInstanceOf(ConfigError.class)
        .hasMessage("QINGLIU_MQTT_PORT must be a port number from 0 to 65535, not 'mqtt'");
    assertThatThrownBy(() -> o.applyEnvironment(Map.of("QINGLIU_HTTP_PORT", "80800")))
        .isInstanceOf(ConfigError.class).hasMessageContaining("QINGLIU_HTTP_PORT").hasMessageContaining("'80800'");
  }

  @Test
  void givenAConfigurationFileThatIsNotJson_whenRead_thenTheErrorNamesTheFileAndWhere(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("qingliu.json");
    Files.writeString(file, "{\n  \"http\": { port: 8080 }\n}\n");

    assertThatThrownBy(() -> ConfigFiles.read(file.toString()))
        .isInstanceOf(ConfigError.class)
        .hasMessageStartingWith(file + " is not a JSON object: Unexpected character ('p'")
        .hasMessageEndingWith("(line 2, column 13)");
  }

  @Test
  void givenAConfigurationFileThatDoesNotExist_whenRead_thenTheErrorSaysWhereItLooked() {
    assertThatThrownBy(() -> ConfigFiles.read("config/no-such.json"))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("no configuration file config/no-such.json").hasMessageContaining("and in the jar");
  }
}
