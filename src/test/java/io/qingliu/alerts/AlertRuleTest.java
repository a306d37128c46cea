package io.qingliu.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingliu.checks.Debounce;
import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Severity;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

  static Finding exceedance(Parameter p, int targetClass) {
    return new Finding(AlertKind.EXCEEDANCE, "S", p, true, 2, 1, 5, targetClass, Severity.MINOR, "m", 0);
  }

  @Test
  void givenARuleForClassIIAmmonia_thenItMatchesOnlyThatParameterAtClassIIStations() {
    AlertRule rule = AlertRule.fromJson(new JsonObject(
        "{\"kind\":\"exceedance\",\"parameter\":\"nh3n\",\"targetClass\":2,\"severity\":\"critical\"}"));

    assertThat(rule.matches(exceedance(Parameter.NH3N, 2), StationKind.MICRO)).isTrue();
    assertThat(rule.matches(exceedance(Parameter.NH3N, 3), StationKind.MICRO)).isFalse();
    assertThat(rule.matches(exceedance(Parameter.TP, 2), StationKind.MICRO)).isFalse();
    assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(rule.forMillis()).isZero();
  }

  @Test
  void givenARuleWithNothingButAPendingTime_thenItMatchesEverything_andHoldsItForThatLong() {
    AlertRule rule = AlertRule.fromJson(new JsonObject("{\"forMinutes\":2.5}"));

    assertThat(rule.matches(exceedance(Parameter.COD, 0), StationKind.OUTFALL)).isTrue();
    assertThat(rule.forMillis()).isEqualTo(150_000);
    assertThat(rule.severity()).as("the check's own").isNull();
  }

  @Test
  void givenAMistypedRule_thenStartUpFailsWithWhatIsWrong() {
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"parameter\":\"nh4\"}")))
        .hasMessageContaining("unknown parameter nh4");
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"forMinutes\":-1}")))
        .hasMessageContaining("forMinutes");
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"targetClass\":7}")))
        .hasMessageContaining("targetClass");
  }

  @Test
  void givenARuleAsTheApiShowsIt_whenReadBack_thenItIsTheSameRule() {
    AlertRule rule = AlertRule.fromJson(new JsonObject("{\"kind\":\"event\",\"forMinutes\":5}"));

    assertThat(AlertRule.fromJson(rule.toJson())).isEqualTo(rule);
  }

  @Test
  void givenRulesWithKOfN_thenAStationsChecksCountAsTheFirstMatchingRuleSays_andOtherConditionsKeepTheirOwn() {
    AlertRules.Version rules = new AlertRules.Version(1, AlertRules.parse(new JsonArray("""
        [{"kind": "exceedance", "parameter": "nh3n", "stationKind": "national", "severity": "critical"},
         {"kind": "exceedance", "parameter": "nh3n", "kOfN": [1, 1]},
         {"kind": "rate", "targetClass": 2, "kOfN": [4, 6]}]""")), "admin", 0);

    Debounce micro = rules.debounce(StationKind.MICRO, 3);
    assertThat(micro.kOfN(AlertKind.EXCEEDANCE, Parameter.NH3N)).containsExactly(1, 1);
    assertThat(micro.kOfN(AlertKind.EXCEEDANCE, Parameter.TP)).isNull();
    assertThat(micro.kOfN(AlertKind.RATE, Parameter.NH3N)).as("class III, not II").isNull();
    assertThat(rules.debounce(StationKind.MICRO, 2).kOfN(AlertKind.RATE, Parameter.TP)).containsExactly(4, 6);
    assertThat(rules.debounce(StationKind.NATIONAL, 3).kOfN(AlertKind.EXCEEDANCE, Parameter.NH3N))
        .as("the first matching rule sets only a severity").isNull();
    assertThat(rules.counts()).isTrue();
    AlertRule readBack = AlertRule.fromJson(rules.rules().get(1).toJson());
    assertThat(readBack).isEqualTo(rules.rules().get(1));
  }

  @Test
  void givenAKOfNThatNoCheckCounts_orOutOfRange_thenTheRuleIsRefusedSayingWhy() {
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"kind\":\"event\",\"kOfN\":[2,3]}")))
        .hasMessageContaining("exceedance or rate");
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"kOfN\":[2,3]}")))
        .hasMessageContaining("exceedance or rate");
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"kind\":\"rate\",\"kOfN\":[4,3]}")))
        .hasMessageContaining("1 <= k <= n <= 31");
    assertThatThrownBy(() -> AlertRule.fromJson(new JsonObject("{\"kind\":\"rate\",\"kOfN\":\"3/5\"}")))
        .hasMessageContaining("[k, n]");
  }
}
