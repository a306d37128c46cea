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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo as a newcomer starts it: the Changzhi network, every simulated station publishing, discharges paging. */
class DemoNetworkIT {

  static TestServer server;

  @BeforeAll
  static void start() {
    // The sample packets are from 2016-2023, as config/qingliu.json allows for the demo.
    server = TestServer.start(Clock.systemUTC(), o -> o.setNetworkFile(QingliuOptions.DEFAULT_NETWORK)
        .setMaxAgeDays(4000).getHj212().setSplitWaitMillis(1_000));
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

  /**
   * The real packets of shared/data/hj212 replayed against the demo network, which registers their devices: each is
   * taken or refused for the reason its README gives.
   */
  @Test
  void givenTheRealHj212Samples_whenReplayed_thenEachIsTakenOrRefusedForItsReason() throws Exception {
    List<String> frames = Files.readAllLines(Path.of("src/test/resources/hj212/samples.txt")).stream()
        .filter(l -> l.matches("##\\d{4}.*")).toList();
    assertThat(frames).hasSize(28);
    var r = TestServer.await(WebClient.create(server.client).post(server.httpPort, "localhost", "/api/v1/hj212")
        .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(String.join("\n", frames))));
    JsonArray out = r.bodyAsJsonObject().getJsonArray("frames");
    Map<Integer, String> outcome = new HashMap<>();
    for (int i = 0; i < out.size(); i++) {
      JsonObject f = out.getJsonObject(i);
      outcome.put(f.getInteger("line"), "accepted".equals(f.getString("status")) ? "accepted" : f.getString("reason"));
    }
    // README rows 11, 19, 20, 21, 22: wrong CRC (19 and 20 are CRC-16/MODBUS, off unless a device is set to it).
    for (int line : new int[] {11, 19, 20, 21, 22}) {
      assertThat(outcome.get(line)).as("sample #%d", line).isEqualTo("bad_crc");
    }
    // Data uploads of the registered surface-water and outfall devices, split #6+#7 included, land.
    for (int line : new int[] {2, 3, 4, 5, 6, 7, 8, 9, 23, 24, 25}) {
      assertThat(outcome.get(line)).as("sample #%d", line).isEqualTo("accepted");
    }
    assertThat(outcome.get(1)).as("the standard's own example uses PW 100000").isEqualTo("bad_credentials");
    assertThat(outcome.get(10)).as("the generator's PW 000000 is not the device's").isEqualTo("bad_credentials");
    assertThat(outcome.get(12)).as("a platform answer has no station").isEqualTo("unknown_station");
    assertThat(outcome.get(16)).as("air-quality codes are not stored").isEqualTo("no_values");
    assertThat(outcome.get(26)).as("C4 is half of a split upload").isEqualTo("bad_frame");
    assertThat(r.bodyAsJsonObject().getJsonArray("frames").getJsonObject(2).getString("answer"))
        .as("sample #3 asks for an answer (Flag=9)").contains("CN=9014").contains("QN=20201030000000437");
    assertThat(((Number) server.db.scalar("SELECT count(*) FROM readings r JOIN stations s ON s.no = r.station_no "
        + "WHERE s.id LIKE 'HJ-%' AND r.ts < '2024-01-01'")).intValue())
        .as("11 uploads accepted; the split pair is one reading, a repeated (station, DataTime) is stored once")
        .isGreaterThanOrEqualTo(9);
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
