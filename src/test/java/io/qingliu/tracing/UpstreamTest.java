package io.qingliu.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qingliu.config.NetworkLoader;
import io.qingliu.model.Network;
import io.qingliu.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The river prior on the test network: R1 (10 km, 0.5 m/s) flows into R2; FP-1 sits at R2 km 1. */
class UpstreamTest {

  private final Network network = load();

  private static Network load() {
    try {
      return NetworkLoader.fromJson(new JsonObject(Files.readString(Path.of(TestServer.NETWORK))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void givenOutfallsAboveTheStation_thenTheirDistanceAndTravelTimeFollowTheReaches() {
    Upstream up = Upstream.of(network, network.station("FP-1"));
    Upstream.Source e1 = up.source("E1"); // R1 km 1: 9 km of R1, 1 km of R2
    assertThat(e1.distanceKm()).isCloseTo(10.0, within(1e-9));
    assertThat(e1.travelSeconds()).isCloseTo(10_000 / 0.5, within(1e-6));
    assertThat(up.source("E2").distanceKm()).isCloseTo(5.0, within(1e-9));
    assertThat(up.sources()).extracting(s -> s.enterprise().id()).containsExactly("E2", "E1");
  }

  @Test
  void givenAnOutfallBelowTheStation_thenItIsNoCandidate_andNearerOutfallsWeighMore() {
    Upstream up = Upstream.of(network, network.station("FP-1"));
    assertThat(up.source("E3")).as("R2 km 6 is below FP-1 at R2 km 1").isNull();
    assertThat(up.prior()).containsEntry("E3", 0.0);
    assertThat(up.prior().get("E2")).isGreaterThan(up.prior().get("E1"));
    assertThat(up.prior().get("E1")).isCloseTo(1 / (1 + (20_000 / 3600.0) / Upstream.HALF_WEIGHT_HOURS),
        within(1e-12));
  }
}
