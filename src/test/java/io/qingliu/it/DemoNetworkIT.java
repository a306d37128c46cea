package io.qingliu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qingliu.config.QingliuOptions;
import io.qingliu.config.SimulatorOptions;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import io.qingliu.sim.StationSimulator;
import io.qingliu.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo as a newcomer starts it: the Changzhi network, every simulated station publishing, discharges paging. */
class DemoNetworkIT {

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Clock.systemUTC(), o -> o.setNetworkFile(QingliuOptions.DEFAULT_NETWORK));
    SimulatorOptions fast = new SimulatorOptions(new JsonObject().put("periodSeconds", 1)
        .put("firstDischargeSeconds", 1).put("dischargeEverySeconds", 20).put("timeCompression", 600));
    TestServer.await(server.server.vertx().deployVerticle(new StationSimulator(server.server.network(), "localhost",
        server.mqttPort, fast)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void givenTheDemoNetwork_thenItIsTheCityItClaimsToBe() {
    Map<StationKind, Integer> kinds = new EnumMap<>(StationKind.class);
    for (Station s : server.server.network().stations()) {
      kinds.merge(s.kind(), 1, Integer::sum);
    }
    assertThat(kinds.get(StationKind.MICRO)).isBetween(100, 130);
    assertThat(kinds.get(StationKind.NATIONAL)).isBetween(10, 16);
    assertThat(kinds.get(StationKind.FINGERPRINT)).isEqualTo(7);
    assertThat(kinds.get(StationKind.OUTFALL)).isBetween(150, 170);
    assertThat(server.server.network().enterprises().size()).isBetween(150, 165);
    JsonObject published = server.login("officer", "officer-pw").get("/api/v1/network").bodyAsJsonObject();
    assertThat(published.getJsonArray("cameras").size()).isBetween(160, 185);
    assertThat(published.encode()).doesNotContain("\"secret\"").doesNotContain("demo-ms-001");
  }

  @Test
  void givenTheSimulatorRuns_thenEveryStationReports_andADischargeOpensAnAlertWithinAMinute() {
    int stations = server.server.network().stationCount();
    await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) server.db.scalar(
        "SELECT count(DISTINCT station_no) FROM readings")).intValue() >= stations * 0.95);
    await().atMost(Duration.ofSeconds(60)).until(() -> ((Number) server.db.scalar(
        "SELECT count(*) FROM alerts WHERE kind = 'exceedance'")).intValue() > 0);
  }
}
