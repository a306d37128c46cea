package io.qingliu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.qingliu.config.NetworkLoader;
import io.qingliu.config.QingliuOptions;
import io.qingliu.config.SimulatorOptions;
import io.qingliu.model.Network;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The demo's early discharge that a tracing station names (README: the live page shows a traced alert soon). */
class TraceablePlumeTest {

  private static Network demo() throws Exception {
    return NetworkLoader.fromJson(new JsonObject(Files.readString(Path.of(QingliuOptions.DEFAULT_NETWORK))));
  }

  @Test
  void givenTheDemoNetwork_whenTheFirstDischargesStart_thenOneReachesATracingStationJustAfterItsBaseline()
      throws Exception {
    Network network = demo();
    SimulatorOptions defaults = new SimulatorOptions();
    for (long seed = 0; seed < 20; seed++) {
      Plume plume = StationSimulator.traceablePlume(network, defaults, 0, new Random(seed));

      assertThat(plume).as("seed %d", seed).isNotNull();
      // spectra every 20 s from the start, the discharge at 15 s: the two baseline spectra (20 s, 40 s) stay clean
      // and the plume is there by the fifth (100 s), at a strength the tracing names
      boolean seen = false;
      for (Station s : network.stations()) {
        long arrival = plume.arrivalMs(s.id());
        if (s.kind() == StationKind.FINGERPRINT && arrival >= 0) {
          assertThat(plume.presence(s.id(), 40_000 - 15_000)).as("%s at its second spectrum", s.id()).isZero();
          seen |= plume.presence(s.id(), 100_000 - 15_000) >= 0.4;
        }
      }
      assertThat(seen).as("seed %d: %s", seed, plume.source().id()).isTrue();
    }
  }

  @Test
  void givenANetworkWhoseEnterprisesAreAllFarFromItsTracingStations_thenThereIsNone() throws Exception {
    SimulatorOptions slow = new SimulatorOptions(new JsonObject().put("timeCompression", 1));
    // real-time travel: nothing reaches a tracing station within the first minutes
    assertThat(StationSimulator.traceablePlume(demo(), slow, 0, new Random(1))).isNull();
  }
}
