package io.qingliu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.config.ConfigError;
import io.qingliu.model.StationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

  @Test
  void givenNoDefaultConfigurationFile_whenReplaying_thenTheDetectorDefaultsApply(@TempDir Path dir) {
    DetectorOptions options = ReplayCommand.options(dir.resolve("qingliu.json").toString(), false, null);

    assertThat(options.getThreshold()).isEqualTo(new DetectorOptions().getThreshold());
  }

  @Test
  void givenABrokenDefaultConfigurationFile_whenReplaying_thenItIsAnErrorNotSilentDefaults(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("qingliu.json");
    Files.writeString(file, "{ \"checks\": { \"events\": { threshold: 4 } } }");

    assertThatThrownBy(() -> ReplayCommand.options(file.toString(), false, StationKind.MICRO))
        .isInstanceOf(ConfigError.class).hasMessageStartingWith(file + " is not a JSON object");
  }

  @Test
  void givenTheShippedConfiguration_whenReplayingForARiverStation_thenItsEventProfileApplies() {
    assertThat(ReplayCommand.options(ReplayCommand.DEFAULT_CONFIG, false, StationKind.MICRO).getThreshold())
        .isEqualTo(3.5);
  }
}
