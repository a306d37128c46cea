package io.qingliu.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.config.ConfigFiles;
import io.qingliu.model.Parameter;
import org.junit.jupiter.api.Test;

/** GB 3838-2002 single-factor classification against the table in config/standards. */
class WaterQualityStandardTest {

  static final WaterQualityStandard GB = WaterQualityStandard.fromJson(
      ConfigFiles.read("config/standards/gb3838-2002.json"));

  @Test
  void givenValueOnALimit_thenItTakesTheBetterClass() {
    assertThat(GB.classify(Parameter.NH3N, 0.5, false)).isEqualTo(2);
    assertThat(GB.classify(Parameter.NH3N, 0.51, false)).isEqualTo(3);
    assertThat(GB.classify(Parameter.COD, 15, false)).as("I and II share 15 mg/L").isEqualTo(1);
    assertThat(GB.classify(Parameter.NH3N, 2.01, false)).isEqualTo(WaterQualityStandard.WORSE_THAN_V);
  }

  @Test
  void givenDissolvedOxygen_thenLowerIsWorse() {
    assertThat(GB.classify(Parameter.DO, 7.5, false)).isEqualTo(1);
    assertThat(GB.classify(Parameter.DO, 5.84, false)).isEqualTo(3);
    assertThat(GB.classify(Parameter.DO, 1.9, false)).isEqualTo(WaterQualityStandard.WORSE_THAN_V);
    assertThat(GB.lowerIsWorse(Parameter.DO)).isTrue();
  }

  @Test
  void givenPhosphorus_thenLakesUseTheirStricterRow_andTotalNitrogenIsForLakesOnly() {
    assertThat(GB.classify(Parameter.TP, 0.187, false)).isEqualTo(3);
    assertThat(GB.classify(Parameter.TP, 0.187, true)).isEqualTo(5);
    assertThat(GB.classify(Parameter.TN, 3.0, false)).isEqualTo(WaterQualityStandard.NOT_ASSESSED);
    assertThat(GB.classify(Parameter.TN, 0.9, true)).isEqualTo(3);
  }

  @Test
  void givenPh_thenInsideSixToNineDoesNotDiscriminate_andOutsideIsNonCompliant() {
    assertThat(GB.classify(Parameter.PH, 6.0, false)).isEqualTo(1);
    assertThat(GB.classify(Parameter.PH, 9.2, false)).isEqualTo(WaterQualityStandard.WORSE_THAN_V);
    assertThat(GB.limit(Parameter.PH, 3, false, 5.5)).isEqualTo(6.0);
    assertThat(GB.limit(Parameter.PH, 3, false, 9.5)).isEqualTo(9.0);
  }

  @Test
  void givenTheDomainDocsHourlySample_thenTheWorstFactorMakesItClassIV() {
    // DO 5.84, NH3-N 1.32, TP 0.187, pH 7.62 (docs/domain.md §2): NH3-N is class IV.
    int worst = Math.max(Math.max(GB.classify(Parameter.DO, 5.84, false), GB.classify(Parameter.NH3N, 1.32, false)),
        Math.max(GB.classify(Parameter.TP, 0.187, false), GB.classify(Parameter.PH, 7.62, false)));
    assertThat(worst).isEqualTo(4);
  }

  @Test
  void givenTemperature_thenTheStandardDoesNotClassifyIt() {
    assertThat(GB.classify(Parameter.TEMP, 30, false)).isEqualTo(WaterQualityStandard.NOT_ASSESSED);
    assertThat(GB.assesses(Parameter.TEMP, false)).isFalse();
  }
}
