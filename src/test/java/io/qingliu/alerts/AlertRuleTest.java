package io.qingliu.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingliu.checks.Finding;
import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Severity;
import io.qingliu.model.StationKind;
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
}
